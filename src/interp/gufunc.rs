//! `@guvectorize`: generalised ufuncs. The kernel is an ordinary compiled function over core
//! arrays; this module parses the layout (`"(m,n),(n)->(m)"`), picks the signature the inputs
//! fit, binds the core dimensions, broadcasts the leading (loop) dimensions of the operands as
//! numpy does, allocates the outputs (or checks the ones passed), and calls the kernel once per
//! loop position on views of the operands, so its writes land in the outputs.

use std::rc::Rc;

use rhumba_compiler::{Signature, Type};
use rhumba_runtime::{DType, NdArray};

use super::builtins::Args;
use super::value::*;
use super::Interpreter;

/// A parsed layout: the core dimension names of each input and each output.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub inputs: Vec<Vec<String>>,
    pub outputs: Vec<Vec<String>>,
}

/// Parses `"(n),()->(n)"`: groups of comma-separated dimension names, inputs before `->`.
pub fn parse_layout(text: &str) -> Result<Layout, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (ins, outs) = compact.split_once("->").ok_or_else(|| format!("the layout {text:?} has no `->`"))?;
    let groups = |part: &str| -> Result<Vec<Vec<String>>, String> {
        let mut out = Vec::new();
        let mut rest = part;
        while !rest.is_empty() {
            let inner = rest.strip_prefix('(').ok_or_else(|| format!("bad layout {text:?}: expected `(` at {rest:?}"))?;
            let close = inner.find(')').ok_or_else(|| format!("bad layout {text:?}: a `(` is not closed"))?;
            let names: Vec<String> = inner[..close].split(',').filter(|n| !n.is_empty()).map(str::to_string).collect();
            if let Some(bad) = names.iter().find(|n| !n.chars().all(|c| c.is_alphanumeric() || c == '_')) {
                return Err(format!("bad layout {text:?}: {bad:?} is not a dimension name"));
            }
            out.push(names);
            rest = &inner[close + 1..];
            rest = rest.strip_prefix(',').unwrap_or(rest);
        }
        Ok(out)
    };
    let layout = Layout { inputs: groups(ins)?, outputs: groups(outs)? };
    if layout.outputs.is_empty() {
        return Err(format!("the layout {text:?} has no output"));
    }
    Ok(layout)
}

/// Signatures of `@guvectorize`: tuples of types (`(float64[:], int64, float64[:])`) or strings
/// (`"void(f8[:], i8, f8[:])"`), one argument per input and output.
pub fn signatures_of(v: Option<&Value>) -> PyResult<Vec<Signature>> {
    let one = |v: &Value| -> PyResult<Signature> {
        match v {
            Value::Tuple(items) => {
                let args = items
                    .iter()
                    .map(|t| match t {
                        Value::NumbaType(t) => Ok(t.clone()),
                        Value::ScalarType(d) => Ok(Type::Scalar(*d)),
                        other => Err(type_error(format!("a guvectorize signature holds types, not {}", other.type_name()))),
                    })
                    .collect::<PyResult<_>>()?;
                Ok(Signature { ret: None, args })
            }
            Value::Signature(s) => Ok(s.as_ref().clone()),
            Value::Str(s) => rhumba_compiler::parse_signature(s).map_err(type_error),
            other => Err(type_error(format!("expected a guvectorize signature, got {}", other.type_name()))),
        }
    };
    match v {
        Some(Value::List(l)) => l.borrow().iter().map(one).collect(),
        Some(v @ Value::Tuple(items)) if items.iter().all(|i| matches!(i, Value::NumbaType(_) | Value::ScalarType(_))) => Ok(vec![one(v)?]),
        Some(Value::Tuple(t)) => t.iter().map(one).collect(),
        Some(v) => Ok(vec![one(v)?]),
        None => Err(type_error("guvectorize() needs its signatures and a layout")),
    }
}

/// The dtype a signature type stands for (the element type of an array).
fn dtype_of(t: &Type) -> Option<DType> {
    match t {
        Type::Scalar(d) | Type::Array { dtype: d, .. } => Some(*d),
        _ => None,
    }
}

/// An operand as an array (a Python number becomes a 0-d array of its type).
fn as_array(v: &Value) -> PyResult<NdArray> {
    match v {
        Value::Array(a) => Ok((**a).clone()),
        Value::Int(_) | Value::Float(_) | Value::F32(_) | Value::Bool(_) => {
            let d = match v {
                Value::Int(_) => DType::Int64,
                Value::F32(_) => DType::Float32,
                Value::Bool(_) => DType::Bool,
                _ => DType::Float64,
            };
            Ok(NdArray::from_elements(d, &[], [v.to_element()?]))
        }
        other => Err(type_error(format!("a gufunc operand must be an array or a number, not {}", other.type_name()))),
    }
}

/// The first signature whose inputs the operands fit exactly, else the first they cast to
/// safely (numpy's rule: the promotion of the two types is the signature's).
fn pick_signature<'s>(signatures: &'s [Signature], dtypes: &[DType]) -> Option<&'s Signature> {
    let fits = |s: &Signature, exact: bool| {
        s.args.len() >= dtypes.len()
            && dtypes.iter().zip(&s.args).all(|(d, t)| match dtype_of(t) {
                Some(want) if exact => want == *d,
                Some(want) => DType::promote(*d, want) == want,
                None => false,
            })
    };
    signatures.iter().find(|s| fits(s, true)).or_else(|| signatures.iter().find(|s| fits(s, false)))
}

impl Interpreter {
    /// Calls a `@guvectorize` function: `args` are its inputs, optionally followed by its
    /// outputs. Returns the output (or a tuple of them); a result with no dimensions at all is
    /// returned as a scalar, as numpy's gufuncs do.
    pub(super) fn call_gufunc(&mut self, func: &Rc<Function>, kernel: &Rc<Function>, signatures: &[Signature], layout: &Layout, args: Args) -> PyResult<Value> {
        let name = func.name();
        if !args.kw.is_empty() {
            return Err(type_error(format!("{name}() takes its outputs as positional arguments")));
        }
        let (n_in, n_out) = (layout.inputs.len(), layout.outputs.len());
        if args.pos.len() != n_in && args.pos.len() != n_in + n_out {
            return Err(type_error(format!("{name}() takes {n_in} inputs (and optionally {n_out} outputs), but {} arguments were given", args.pos.len())));
        }
        let inputs: Vec<NdArray> = args.pos[..n_in].iter().map(as_array).collect::<PyResult<_>>()?;
        let dtypes: Vec<DType> = inputs.iter().map(|a| a.dtype).collect();
        let Some(signature) = pick_signature(signatures, &dtypes) else {
            let kinds: Vec<&str> = dtypes.iter().map(|d| d.name()).collect();
            return Err(type_error(format!("ufunc '{name}' not supported for the input types ({})", kinds.join(", "))));
        };
        if signature.args.len() != n_in + n_out {
            return Err(type_error(format!("the signature of {name}() has {} arguments but its layout names {}", signature.args.len(), n_in + n_out)));
        }
        // Inputs in the signature's dtypes, their core dimensions bound by name.
        let mut bound: Vec<(String, usize)> = Vec::new();
        let mut bind = |dim: &str, size: usize| -> PyResult<()> {
            match bound.iter().find(|(n, _)| n == dim) {
                Some((_, s)) if *s != size => Err(value_error(format!("{name}: the core dimension '{dim}' is {s} in one operand and {size} in another"))),
                Some(_) => Ok(()),
                None => {
                    bound.push((dim.to_string(), size));
                    Ok(())
                }
            }
        };
        let mut operands = Vec::with_capacity(n_in + n_out);
        let mut loop_shape: Vec<usize> = Vec::new();
        for (k, a) in inputs.into_iter().enumerate() {
            let want = dtype_of(&signature.args[k]).unwrap_or(a.dtype);
            let a = if a.dtype == want { a } else { a.copy_as(want) };
            let core = &layout.inputs[k];
            if a.ndim() < core.len() {
                return Err(value_error(format!("{name}: input {k} has {} dimensions but its core layout needs {}", a.ndim(), core.len())));
            }
            let lead = a.ndim() - core.len();
            for (dim, size) in core.iter().zip(&a.shape[lead..]) {
                bind(dim, *size)?;
            }
            loop_shape = rhumba_runtime::array::broadcast_shapes(&loop_shape, &a.shape[..lead])
                .ok_or_else(|| value_error(format!("{name}: operands could not be broadcast together (loop dimensions {:?} and {:?})", loop_shape, &a.shape[..lead])))?;
            operands.push(a);
        }
        // Outputs: passed in (checked), or allocated with the loop shape and their core sizes.
        let mut outputs = Vec::with_capacity(n_out);
        for (j, core) in layout.outputs.iter().enumerate() {
            let mut shape = loop_shape.clone();
            for dim in core {
                let size = bound.iter().find(|(n, _)| n == dim).map(|(_, s)| *s).ok_or_else(|| value_error(format!("{name}: the output dimension '{dim}' is not given by any input")))?;
                shape.push(size);
            }
            let dtype = dtype_of(&signature.args[n_in + j]).unwrap_or(DType::Float64);
            let out = match args.pos.get(n_in + j) {
                Some(Value::Array(given)) => {
                    if given.shape != shape {
                        return Err(value_error(format!("{name}: output {j} has shape {:?} but the call needs {:?}", given.shape, shape)));
                    }
                    (**given).clone()
                }
                Some(other) => return Err(type_error(format!("{name}: output {j} must be an array, not {}", other.type_name()))),
                None => super::numpy::allocate(dtype, &shape)?,
            };
            outputs.push(out.clone());
            operands.push(out);
        }
        let cores: Vec<usize> = layout.inputs.iter().chain(&layout.outputs).map(Vec::len).collect();
        let kernel_value = Value::Function(kernel.clone());
        let total: usize = loop_shape.iter().product();
        let mut index = vec![0usize; loop_shape.len()];
        for _ in 0..total {
            let mut call = Vec::with_capacity(operands.len());
            for ((a, core), t) in operands.iter().zip(&cores).zip(&signature.args) {
                call.push(core_operand(a, *core, &loop_shape, &index, t));
            }
            self.call_value(kernel_value.clone(), Args { pos: call, kw: Vec::new() })?;
            // The next loop position, last axis fastest.
            for axis in (0..index.len()).rev() {
                index[axis] += 1;
                if index[axis] < loop_shape[axis] {
                    break;
                }
                index[axis] = 0;
            }
        }
        let mut results: Vec<Value> = outputs
            .into_iter()
            .map(|o| if o.ndim() == 0 { Value::from_element(o.read(o.offset)) } else { Value::array(o) })
            .collect();
        Ok(if results.len() == 1 { results.remove(0) } else { Value::tuple(results) })
    }
}

/// What the kernel receives for one operand at one loop position: a view of its core
/// dimensions (broadcast loop axes stay at 0), a one-element array for a `()` core passed as an
/// array (`out[0] = ...`), or the element itself for a scalar signature type.
fn core_operand(a: &NdArray, core: usize, loop_shape: &[usize], index: &[usize], t: &Type) -> Value {
    let lead = a.ndim() - core;
    // The operand's loop axes line up with the last `lead` loop axes.
    let skip = loop_shape.len() - lead;
    let mut offset = a.offset as isize;
    for axis in 0..lead {
        let i = if a.shape[axis] == 1 { 0 } else { index[skip + axis] };
        offset += i as isize * a.strides[axis];
    }
    let offset = offset.max(0) as usize;
    match t {
        Type::Array { .. } if core == 0 => Value::array(NdArray { dtype: a.dtype, shape: vec![1], strides: vec![1], offset, buffer: a.buffer.clone() }),
        Type::Array { .. } => Value::array(NdArray { dtype: a.dtype, shape: a.shape[lead..].to_vec(), strides: a.strides[lead..].to_vec(), offset, buffer: a.buffer.clone() }),
        _ => Value::from_element(a.read(offset)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_parse() {
        let l = parse_layout("(m, n),(n)->(m)").unwrap();
        assert_eq!(l.inputs, vec![vec!["m".to_string(), "n".to_string()], vec!["n".to_string()]]);
        assert_eq!(l.outputs, vec![vec!["m".to_string()]]);
        let l = parse_layout("(n),()->()").unwrap();
        assert_eq!(l.inputs[1], Vec::<String>::new());
        assert!(parse_layout("(n)").is_err());
        assert!(parse_layout("(n->(n)").is_err());
        assert!(parse_layout("(n)->").is_err());
    }
}
