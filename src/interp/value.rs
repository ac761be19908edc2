//! Run-time values of the host interpreter and the Python-style exceptions it raises.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use rhumba_compiler::{Signature, Type};
use rhumba_grammar::ast::{FunctionDef, Span};
use rhumba_grammar::Symbol;
use rhumba_runtime::{DType, Element, NdArray};

use super::builtins::Builtin;

/// A Python value as the interpreter holds it.
#[derive(Clone)]
pub enum Value {
    /// Python's `None`.
    None,
    /// A `bool`.
    Bool(bool),
    /// Python `int`, kept at 64 bits and wrapping as Numba's `int64` does.
    Int(i64),
    /// A Python `float` (64-bit).
    Float(f64),
    /// A numpy `float32` scalar; it stays `float32` only when combined with other `float32` values.
    F32(f32),
    /// A Python `complex` (numpy's `complex128`): real and imaginary parts.
    Complex(f64, f64),
    /// A numpy `complex64` scalar; it stays `complex64` only when combined with other `complex64`
    /// or `float32` values.
    C64(f32, f32),
    /// A `str`.
    Str(Rc<str>),
    /// A `tuple`.
    Tuple(Rc<Vec<Value>>),
    /// A `dict` (or a `numba.typed.Dict`), shared by reference as in Python.
    Dict(super::dict::Dict),
    /// A `list`, shared by reference as in Python.
    List(Rc<RefCell<Vec<Value>>>),
    /// A numpy array (a view of a shared buffer).
    Array(Rc<NdArray>),
    /// A `range` object.
    Range(Rc<Range>),
    /// A slice object, `a:b:c`.
    Slice(Rc<SliceValue>),
    /// A user function, plain or decorated.
    Function(Rc<Function>),
    /// A built-in function of Python, numpy, math, numba or numba.cuda.
    Builtin(Builtin),
    /// A method looked up on a value but not yet called: `f = a.sum`.
    BoundMethod(Rc<(Value, Symbol)>),
    /// An imported module.
    Module(ModuleKind),
    /// A numpy dtype object, as `a.dtype` returns it; prints as `float64`.
    DType(DType),
    /// A numpy scalar type such as `np.float32`: a class, callable as a conversion.
    ScalarType(DType),
    /// A Numba type used in signatures: `float64`, `int32[:]`, `float64[:, ::1]`.
    NumbaType(Type),
    /// `int32(int32, int32)`.
    Signature(Rc<Signature>),
    /// A decorator with its arguments applied: `jit(nopython=True)`, `vectorize([...])`.
    Decorator(Rc<Decorator>),
    /// A class of the program's own (a plain class, or a jitclass run as one).
    Class(Rc<super::classes::ClassValue>),
    /// An instance of such a class.
    Instance(Rc<super::classes::Instance>),
    /// An exception class: built-in, or `class E(Exception)` in the program.
    ExceptionClass(Rc<super::exceptions::ExceptionClass>),
    /// An exception object, as `except E as e` binds it.
    Exception(Rc<super::exceptions::ExceptionValue>),
    /// A device array, kernel launch configuration, stream or event of `numba.cuda`.
    Cuda(Rc<super::cuda::CudaObject>),
    /// A jitclass spec's type that is not a Numba type value: `deferred_type()` (defined later
    /// with `.define(t)`) or `optional(t)` of one.
    SpecType(Rc<super::classes::SpecType>),
    /// `enumerate(...)` or `zip(...)`: iterated lazily, so that writes to the underlying list or
    /// array during the loop are seen, as in CPython.
    Lazy(Rc<LazyIterable>),
}

/// What an `enumerate` or `zip` object iterates over.
#[derive(Clone)]
pub enum LazyIterable {
    Enumerate { source: Value, start: i64 },
    Zip(Vec<Value>),
}

/// `range(start, stop, step)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

/// `lower:upper:step` in a subscript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SliceValue {
    pub lower: Option<i64>,
    pub upper: Option<i64>,
    pub step: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleKind {
    Numpy,
    NumpyRandom,
    NumpyLinalg,
    Math,
    Cmath,
    Numba,
    NumbaTypes,
    NumbaTyped,
    NumbaExperimental,
    Time,
    Cuda,
}

impl ModuleKind {
    pub fn name(self) -> &'static str {
        match self {
            ModuleKind::Numpy => "numpy",
            ModuleKind::NumpyRandom => "numpy.random",
            ModuleKind::NumpyLinalg => "numpy.linalg",
            ModuleKind::Math => "math",
            ModuleKind::Cmath => "cmath",
            ModuleKind::Numba => "numba",
            ModuleKind::NumbaTypes => "numba.types",
            ModuleKind::NumbaTyped => "numba.typed",
            ModuleKind::NumbaExperimental => "numba.experimental",
            ModuleKind::Time => "time",
            ModuleKind::Cuda => "numba.cuda",
        }
    }
}

/// How calls to a function are dispatched: plainly, or through a Numba decorator's rules.
#[derive(Clone, Debug)]
pub enum Dispatch {
    Plain,
    /// `@njit` / `@jit`: eager signatures (possibly none) convert arguments and results.
    Jit { signatures: Vec<Signature>, options: JitOptions },
    /// `@vectorize`: applied elementwise over arrays, with broadcasting; `parallel` for
    /// `target='parallel'`.
    /// `cuda` for `target='cuda'`: a GPU ufunc, which also takes device arrays.
    Vectorize { signatures: Vec<Signature>, parallel: bool, cuda: bool },
    /// `@guvectorize(signatures, layout)`: a generalised ufunc; `kernel` is the same function
    /// as a plain `@njit` one, called once per loop position on core views.
    GuVectorize { signatures: Vec<Signature>, layout: Rc<super::gufunc::Layout>, parallel: bool, kernel: Rc<Kernel> },
    /// `@cuda.jit`: a kernel launched as `f[blocks, threads](...)`, or with `device=True` a
    /// device function called from kernels.
    Cuda { signatures: Vec<Signature>, device: bool, options: JitOptions },
}

/// The compiled function behind a gufunc (a wrapper, so that `Dispatch` stays `Debug`).
#[derive(Clone)]
pub struct Kernel(pub Rc<Function>);

impl std::fmt::Debug for Kernel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kernel({})", self.0.name())
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct JitOptions {
    pub parallel: bool,
    pub fastmath: bool,
    pub boundscheck: Option<bool>,
    pub cache: bool,
    pub nogil: bool,
}

#[derive(Clone, Debug)]
pub enum Decorator {
    Jit { signatures: Vec<Signature>, options: JitOptions },
    Vectorize { signatures: Vec<Signature>, parallel: bool, cuda: bool },
    GuVectorize { signatures: Vec<Signature>, layout: Rc<super::gufunc::Layout>, parallel: bool },
    /// `jitclass(spec)`, applied to a class.
    JitClass { spec: Value },
    Cuda { signatures: Vec<Signature>, device: bool, options: JitOptions },
}

/// A user function: its definition, its local-variable table and the values it captured.
pub struct Function {
    /// The `def` statement.
    pub def: Rc<FunctionDef>,
    /// Parameters first, then every other name the body assigns (Python's local-scope rule).
    pub locals: Rc<[Symbol]>,
    /// Default values of the parameters, evaluated when the `def` ran.
    pub defaults: Vec<Option<Value>>,
    /// Values of enclosing-function variables at the time an inner function was defined.
    pub captured: Rc<Vec<(Symbol, Value)>>,
    /// How calls are dispatched: plainly or through a Numba decorator.
    pub dispatch: Dispatch,
}

impl Function {
    /// The name Python prints.
    pub fn name(&self) -> &'static str {
        self.def.name.name.as_str()
    }
}

/// Python's exception classes, as far as rhumba raises them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `IndexError`.
    IndexError,
    /// `ZeroDivisionError`.
    ZeroDivisionError,
    /// `TypeError`.
    TypeError,
    /// `NameError`.
    NameError,
    /// `UnboundLocalError`.
    UnboundLocalError,
    /// `ValueError`.
    ValueError,
    /// `AttributeError`.
    AttributeError,
    /// `AssertionError`.
    AssertionError,
    /// `ImportError`.
    ImportError,
    /// `OverflowError`.
    OverflowError,
    /// `RecursionError`.
    RecursionError,
    /// `RuntimeError`.
    RuntimeError,
    /// `KeyboardInterrupt` (Ctrl-C in the REPL).
    KeyboardInterrupt,
    /// A construct or library function outside what rhumba implements.
    NotSupported,
    /// A Python exception raised by the program itself with `raise`.
    Raised,
}

impl ErrorKind {
    /// The kind of a raised class's name (`Raised` for classes without a kind of their own).
    pub fn from_class(name: &str) -> ErrorKind {
        match name {
            "ValueError" => ErrorKind::ValueError,
            "IndexError" => ErrorKind::IndexError,
            "ZeroDivisionError" => ErrorKind::ZeroDivisionError,
            "TypeError" => ErrorKind::TypeError,
            "AssertionError" => ErrorKind::AssertionError,
            "RuntimeError" => ErrorKind::RuntimeError,
            "OverflowError" => ErrorKind::OverflowError,
            "RecursionError" => ErrorKind::RecursionError,
            "AttributeError" => ErrorKind::AttributeError,
            "NameError" => ErrorKind::NameError,
            "ImportError" => ErrorKind::ImportError,
            "KeyboardInterrupt" => ErrorKind::KeyboardInterrupt,
            _ => ErrorKind::Raised,
        }
    }

    /// The name Python prints.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::IndexError => "IndexError",
            ErrorKind::ZeroDivisionError => "ZeroDivisionError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::NameError => "NameError",
            ErrorKind::UnboundLocalError => "UnboundLocalError",
            ErrorKind::ValueError => "ValueError",
            ErrorKind::AttributeError => "AttributeError",
            ErrorKind::AssertionError => "AssertionError",
            ErrorKind::ImportError => "ImportError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::RecursionError => "RecursionError",
            ErrorKind::RuntimeError => "RuntimeError",
            ErrorKind::KeyboardInterrupt => "KeyboardInterrupt",
            ErrorKind::NotSupported => "NotSupportedError",
            ErrorKind::Raised => "Exception",
        }
    }
}

/// A raised exception on its way up the stack, collecting traceback frames as it goes.
///
/// Boxed so that `PyResult<Value>` stays small: every evaluation step returns one, and the
/// error path is the rare one.
#[derive(Clone, Debug)]
pub struct PyError(Box<PyErrorData>);

#[derive(Clone, Debug)]
pub struct PyErrorData {
    pub kind: ErrorKind,
    /// The class name to print; differs from `kind` for `raise ValueError(...)` and friends.
    pub class: String,
    pub message: String,
    /// Where in the current function the error happened; filled by the innermost statement.
    pub span: Option<Span>,
    /// `(function, span)` pairs, innermost first.
    pub frames: Vec<(String, Span)>,
    /// The raised class and its bases, itself first, for a class of the program's own (empty:
    /// a built-in class, whose lineage is known by name).
    pub lineage: Vec<String>,
    /// The raised object's arguments, when an object was raised (`None`: the message is the
    /// only argument, or there is none when it is empty).
    pub args: Option<Vec<Value>>,
}

impl std::ops::Deref for PyError {
    type Target = PyErrorData;

    fn deref(&self) -> &PyErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for PyError {
    fn deref_mut(&mut self) -> &mut PyErrorData {
        &mut self.0
    }
}

impl PyError {
    /// An exception of `kind` with `message` and no traceback yet.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> PyError {
        PyError(Box::new(PyErrorData {
            kind,
            class: kind.name().to_string(),
            message: message.into(),
            span: None,
            frames: Vec::new(),
            lineage: Vec::new(),
            args: None,
        }))
    }

    /// Marks where the exception was raised, when not known yet.
    pub fn at(mut self, span: Span) -> PyError {
        self.span.get_or_insert(span);
        self
    }
}

/// The result of running Python code.
pub type PyResult<T> = Result<T, PyError>;

pub fn type_error(message: impl Into<String>) -> PyError {
    PyError::new(ErrorKind::TypeError, message)
}

pub fn value_error(message: impl Into<String>) -> PyError {
    PyError::new(ErrorKind::ValueError, message)
}

pub fn not_supported(message: impl Into<String>) -> PyError {
    PyError::new(ErrorKind::NotSupported, message)
}

impl Value {
    /// A `str` value.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    /// A `tuple` value.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    /// A `list` value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    /// An array value.
    pub fn array(a: NdArray) -> Value {
        Value::Array(Rc::new(a))
    }

    /// A `range` value.
    pub fn range(start: i64, stop: i64, step: i64) -> Value {
        Value::Range(Rc::new(Range { start, stop, step }))
    }

    /// A slice value.
    pub fn slice(lower: Option<i64>, upper: Option<i64>, step: Option<i64>) -> Value {
        Value::Slice(Rc::new(SliceValue { lower, upper, step }))
    }

    /// The Python type name used in error messages: `int`, `float`, `numpy.ndarray`.
    pub fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::F32(_) => "numpy.float32".into(),
            Value::Exception(e) => e.class.name.clone(),
            Value::Instance(i) => i.class.name.clone(),
            Value::Class(_) => "type".into(),
            Value::ExceptionClass(_) => "type".into(),
            Value::Complex(..) => "complex".into(),
            Value::Dict(d) => if d.borrow().typed { "Dict" } else { "dict" }.into(),
            Value::C64(..) => "numpy.complex64".into(),
            Value::Str(_) => "str".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::List(l) if super::typed_containers::is_typed_list(l) => "List".into(),
            Value::List(_) => "list".into(),
            Value::Array(a) => format!("array({}, {}d)", a.dtype, a.ndim()),
            Value::Range(_) => "range".into(),
            Value::Slice(_) => "slice".into(),
            Value::Function(_) => "function".into(),
            Value::Builtin(_) | Value::BoundMethod(_) => "builtin_function_or_method".into(),
            Value::Module(_) => "module".into(),
            Value::DType(_) => "numpy.dtype".into(),
            Value::ScalarType(_) => "type".into(),
            Value::NumbaType(_) => "numba type".into(),
            Value::Signature(_) => "numba signature".into(),
            Value::Decorator(_) => "decorator".into(),
            Value::Cuda(o) => super::cuda::type_name(o).into(),
            Value::SpecType(_) => "numba type".into(),
            Value::Lazy(l) => match **l {
                LazyIterable::Enumerate { .. } => "enumerate".into(),
                LazyIterable::Zip(_) => "zip".into(),
            },
        }
    }

    /// Python's truth value (`bool(v)`); an array of more than one element is an error, as in numpy.
    pub fn truthy(&self) -> PyResult<bool> {
        Ok(match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::F32(f) => *f != 0.0,
            Value::Complex(re, im) => *re != 0.0 || *im != 0.0,
            Value::C64(re, im) => *re != 0.0 || *im != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Dict(d) => super::dict::len(d) > 0,
            Value::Range(r) => range_len(r.start, r.stop, r.step) > 0,
            Value::Array(a) => {
                if a.size() == 1 {
                    a.elements().next().is_some_and(Element::is_truthy)
                } else {
                    return Err(value_error(
                        "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
                    ));
                }
            }
            _ => true,
        })
    }

    /// The value as a Python int, for indices, sizes and `range` bounds.
    pub fn as_index(&self) -> PyResult<i64> {
        match self {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::Array(a) if a.ndim() == 0 && a.dtype.is_int() => Ok(a.read(a.offset).as_i64()),
            other => Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
        }
    }

    /// The value as a float, for a number.
    pub fn as_f64(&self) -> PyResult<f64> {
        match self {
            Value::Int(i) => Ok(*i as f64),
            Value::Bool(b) => Ok(*b as u8 as f64),
            Value::Float(f) => Ok(*f),
            Value::F32(f) => Ok(*f as f64),
            Value::Array(a) if a.size() == 1 => Ok(a.read(a.offset_of(&vec![0; a.ndim()])).as_f64()),
            other => Err(type_error(format!("must be real number, not {}", other.type_name()))),
        }
    }

    /// Whether the value is a Python or numpy number.
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Float(_) | Value::F32(_) | Value::Bool(_))
    }

    /// An array element as a value: integers widen to `int`, as Numba's arithmetic does.
    pub fn from_element(e: Element) -> Value {
        match e {
            Element::Bool(b) => Value::Bool(b),
            Element::Int(i) => Value::Int(i),
            Element::UInt(u) => Value::Int(u as i64),
            Element::F32(f) => Value::F32(f),
            Element::F64(f) => Value::Float(f),
            Element::C64(re, im) => Value::C64(re, im),
            Element::C128(re, im) => Value::Complex(re, im),
        }
    }

    /// An array element read by indexing. In host code a `uint64` past int64's range is an
    /// `OverflowError` rather than a negative number, since the interpreter has no unsigned
    /// scalar yet; an interpreted `@jit` function keeps the bits, as Numba's arithmetic on
    /// such elements is int64 arithmetic.
    pub fn from_element_checked(e: Element) -> PyResult<Value> {
        match e {
            Element::UInt(u) if i64::try_from(u).is_err() && !super::ops::in_numba_semantics() => Err(super::jit::uint64_overflow(u)),
            other => Ok(Value::from_element(other)),
        }
    }

    /// The value as an array element.
    pub fn to_element(&self) -> PyResult<Element> {
        Ok(match self {
            Value::Bool(b) => Element::Bool(*b),
            Value::Int(i) => Element::Int(*i),
            Value::Float(f) => Element::F64(*f),
            Value::F32(f) => Element::F32(*f),
            Value::Complex(re, im) => Element::C128(*re, *im),
            Value::C64(re, im) => Element::C64(*re, *im),
            other => return Err(type_error(format!("cannot store a {} in an array", other.type_name()))),
        })
    }

    /// The dtype numpy gives this scalar when it becomes an array.
    pub fn scalar_dtype(&self) -> Option<DType> {
        match self {
            Value::Bool(_) => Some(DType::Bool),
            Value::Int(_) => Some(DType::Int64),
            Value::Float(_) => Some(DType::Float64),
            Value::F32(_) => Some(DType::Float32),
            Value::Complex(..) => Some(DType::Complex128),
            Value::C64(..) => Some(DType::Complex64),
            _ => None,
        }
    }
}

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as i64
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as i64
    } else {
        0
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::format::repr(self))
    }
}
