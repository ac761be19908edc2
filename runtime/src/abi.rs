//! The one contract between generated code and the runtime: `#[repr(C)]` layouts and the
//! `extern "C"` functions that compiled kernels call.
//!
//! Every compiled function receives a pointer to an [`ErrorSlot`]; on an error it fills the slot
//! and returns at once, and every caller checks the slot after each call. Arrays travel as
//! pointers to [`ArrayDesc`]. Arrays created inside kernels live in a per-thread arena until the
//! outermost compiled call returns, when the host adopts the ones it returns.

use std::cell::RefCell;
use std::rc::Rc;

use crate::array::{Buffer, DType};

/// The most dimensions a compiled array may have.
pub const MAX_DIMS: usize = 8;

/// An array as compiled code sees it. Strides are in bytes, as numpy's are.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct ArrayDesc {
    pub data: *mut u8,
    pub ndim: i64,
    pub shape: [i64; MAX_DIMS],
    pub strides: [i64; MAX_DIMS],
}

/// Byte offsets of [`ArrayDesc`]'s fields, for code generation.
pub mod desc_offsets {
    pub const DATA: i32 = 0;
    pub const NDIM: i32 = 8;
    pub const SHAPE: i32 = 16;
    pub const STRIDES: i32 = 16 + 8 * super::MAX_DIMS as i32;
}

/// What went wrong in a kernel, filled in by generated code.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct ErrorSlot {
    /// One of the `ERR_*` codes; zero while all is well.
    pub code: i32,
    /// Byte offset in the source of the statement that failed.
    pub source_offset: u32,
    /// For `ERR_INDEX`: the index, the axis and its length.
    pub index: i64,
    pub axis: i64,
    pub bound: i64,
    /// Which compiled function failed (its index in the compilation unit).
    pub function: i64,
    /// The compiled callers the error passed through, innermost first, as
    /// (function index, source offset of the call) pairs; at most [`MAX_TRACE`] are kept.
    pub trace_len: i64,
    pub trace: [[i64; 2]; MAX_TRACE],
    /// The lowest stack address compiled recursive functions may reach before they raise
    /// RecursionError instead of overflowing the thread's stack (0: never checked). Filled in
    /// by `default()` for the thread that makes the slot: the slot must be used on that thread.
    pub stack_limit: u64,
}

/// How many compiled callers an error slot remembers.
pub const MAX_TRACE: usize = 16;

impl Default for ErrorSlot {
    fn default() -> Self {
        ErrorSlot { code: 0, source_offset: 0, index: 0, axis: 0, bound: 0, function: 0, trace_len: 0, trace: [[0; 2]; MAX_TRACE], stack_limit: stack_limit() }
    }
}

/// How much stack is kept free below the recursion limit: room for the non-recursive calls a
/// recursive function makes (runtime functions, callees) and for raising the error.
const STACK_MARGIN: u64 = 256 * 1024;

thread_local! {
    static STACK_LIMIT: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// This thread's stack limit for compiled recursion (see [`ErrorSlot::stack_limit`]), found
/// once per thread.
pub fn stack_limit() -> u64 {
    STACK_LIMIT.with(|cell| {
        if let Some(limit) = cell.get() {
            return limit;
        }
        let limit = thread_stack_low().map_or(0, |low| low.saturating_add(STACK_MARGIN));
        cell.set(Some(limit));
        limit
    })
}

/// The lowest address of the calling thread's stack.
#[cfg(target_os = "linux")]
fn thread_stack_low() -> Option<u64> {
    // SAFETY: `pthread_getattr_np` fills the zeroed attribute object for the calling thread
    // (including the main thread, whose size comes from its resource limit), which is read
    // and then destroyed exactly once.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        // A stack too small for the margin gets no check rather than one that always fails.
        (ok && size as u64 > 2 * STACK_MARGIN).then_some(addr as u64)
    }
}

#[cfg(not(target_os = "linux"))]
fn thread_stack_low() -> Option<u64> {
    None
}

pub mod error_offsets {
    pub const CODE: i32 = 0;
    pub const SOURCE_OFFSET: i32 = 4;
    pub const INDEX: i32 = 8;
    pub const AXIS: i32 = 16;
    pub const BOUND: i32 = 24;
    pub const FUNCTION: i32 = 32;
    pub const TRACE_LEN: i32 = 40;
    pub const TRACE: i32 = 48;
    pub const STACK_LIMIT: i32 = TRACE + 16 * super::MAX_TRACE as i32;
}

pub const ERR_NONE: i32 = 0;
pub const ERR_INDEX: i32 = 1;
pub const ERR_INT_DIVISION: i32 = 2;
pub const ERR_INT_MODULO: i32 = 3;
pub const ERR_FLOAT_DIVISION: i32 = 4;
pub const ERR_FLOAT_MODULO: i32 = 5;
pub const ERR_ASSERTION: i32 = 6;
pub const ERR_ALLOCATION: i32 = 7;
pub const ERR_SHAPE: i32 = 8;
/// A reduction with no identity (`max`, `argmin`, ...) of an empty array.
pub const ERR_EMPTY_REDUCTION: i32 = 9;
pub const ERR_SLICE_STEP: i32 = 10;
/// An array assignment whose source does not broadcast to the destination.
pub const ERR_BROADCAST: i32 = 11;
/// A reshape to a shape of another size.
pub const ERR_RESHAPE: i32 = 12;
/// `range(start, stop, 0)`.
pub const ERR_RANGE_STEP: i32 = 13;
/// An integer `0 ** negative`.
pub const ERR_ZERO_NEGATIVE_POWER: i32 = 14;
/// A float raised to a negative integer power when it is zero (Numba: "division by zero").
pub const ERR_FLOAT_NEGATIVE_POWER: i32 = 15;

/// The Python exception and message of an error slot: the one table every host reads (the
/// interpreter, the embedding API, the GPU path), with Numba's messages.
/// The user asked to stop (Ctrl-C) while compiled code ran: it raises KeyboardInterrupt.
pub const ERR_INTERRUPTED: i32 = 16;
/// A new array's size in bytes overflows (numpy's and Numba's ValueError "array is too big").
pub const ERR_ARRAY_TOO_BIG: i32 = 17;
/// Compiled recursion went deeper than the thread's stack allows.
pub const ERR_RECURSION: i32 = 18;
/// A boolean mask whose shape differs from the array's (numpy's IndexError); the slot's index,
/// axis and bound hold the array's size along the axis, the axis, and the mask's size.
pub const ERR_MASK_SHAPE: i32 = 19;
/// `a, b = arr` with an array longer than the targets (CPython's ValueError).
pub const ERR_UNPACK_TOO_MANY: i32 = 20;
/// `a, b = arr` with an array shorter than the targets.
pub const ERR_UNPACK_TOO_FEW: i32 = 21;
/// A tuple indexed at run time past its length.
pub const ERR_TUPLE_INDEX: i32 = 22;
/// A singular matrix given to `np.linalg.inv` or `solve` (numpy's LinAlgError).
pub const ERR_SINGULAR_MATRIX: i32 = 23;
/// An Optional that holds None, used where a value is needed: this code plus the position of
/// the value's dtype in [`DType::ALL`] (Numba's "expected int64, got None").
pub const ERR_NONE_VALUE: i32 = 24;
/// A complex number divided by zero (CPython's "complex division by zero"). Past the range of
/// [`ERR_NONE_VALUE`] codes.
pub const ERR_COMPLEX_DIVISION: i32 = 64;
/// A reflected list read past its end (Numba's "getitem out of range").
pub const ERR_LIST_GET: i32 = 65;
/// A reflected list written past its end (Numba's "setitem out of range").
pub const ERR_LIST_SET: i32 = 66;
/// A `numba.typed.List` indexed past its end ("list index out of range").
pub const ERR_TYPED_LIST_INDEX: i32 = 67;
/// A dict looked up or deleted at a key it does not hold (KeyError).
pub const ERR_KEY: i32 = 68;
/// A dict that lost entries while a loop iterated over it (CPython's RuntimeError).
pub const ERR_DICT_CHANGED: i32 = 69;
/// A string indexed past its end.
pub const ERR_STR_INDEX: i32 = 70;

/// The first code of `raise` statements in compiled code: `ERR_RAISE_BASE + k` raises the
/// exception of the k-th [`RaiseSite`] registered in this process.
pub const ERR_RAISE_BASE: i32 = 1 << 16;

/// One argument of an exception raised by compiled code: a constant, or one of the (at most
/// two) run-time values the raising code stores in the error slot's `index` and `bound`.
#[derive(Clone, Debug, PartialEq)]
pub enum RaiseArg {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Run-time value `k` (0: the slot's `index`, 1: its `bound`), an int64.
    RuntimeInt(usize),
    /// Run-time value `k`: the bits of a float64.
    RuntimeFloat(usize),
    /// Run-time value `k`: a bool (nonzero is true).
    RuntimeBool(usize),
    /// The string key this thread last looked up in a dict of string keys and did not find
    /// (the key of a KeyError: a string does not fit the error slot's words).
    MissingStringKey,
}

/// What a `raise` (or an `assert` with a message) in compiled code raises: the class, its
/// bases' names for a class of the program's own (empty for Python's built-in classes, which
/// hosts know by name), and its arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct RaiseSite {
    pub class: &'static str,
    pub lineage: Vec<String>,
    pub args: Vec<RaiseArg>,
}

/// An argument of a raised exception, with its run-time value filled in.
#[derive(Clone, Debug, PartialEq)]
pub enum RaisedArg {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

static RAISE_SITES: std::sync::Mutex<Vec<RaiseSite>> = std::sync::Mutex::new(Vec::new());

/// The error code that raises `site` (the same code for an equal site registered again).
pub fn register_raise(class: &str, lineage: Vec<String>, args: Vec<RaiseArg>) -> i32 {
    let mut sites = RAISE_SITES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(k) = sites.iter().position(|s| s.class == class && s.lineage == lineage && s.args == args) {
        return ERR_RAISE_BASE + k as i32;
    }
    // Class names live as long as the process: one small string per distinct raise site.
    let class: &'static str = Box::leak(class.to_string().into_boxed_str());
    sites.push(RaiseSite { class, lineage, args });
    ERR_RAISE_BASE + (sites.len() - 1) as i32
}

/// The raise site of `code`, if it is a `raise` code.
pub fn raise_site(code: i32) -> Option<RaiseSite> {
    let k = usize::try_from(code.checked_sub(ERR_RAISE_BASE)?).ok()?;
    RAISE_SITES.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(k).cloned()
}

/// The arguments of the exception a `raise` code raised, with the run-time values the error
/// slot holds (`index`, `bound`).
pub fn raised_args(site: &RaiseSite, index: i64, bound: i64) -> Vec<RaisedArg> {
    let runtime = |k: usize| if k == 0 { index } else { bound };
    site.args
        .iter()
        .map(|a| match a {
            RaiseArg::Str(s) => RaisedArg::Str(s.clone()),
            RaiseArg::Int(i) => RaisedArg::Int(*i),
            RaiseArg::Float(f) => RaisedArg::Float(*f),
            RaiseArg::Bool(b) => RaisedArg::Bool(*b),
            RaiseArg::RuntimeInt(k) => RaisedArg::Int(runtime(*k)),
            RaiseArg::RuntimeFloat(k) => RaisedArg::Float(f64::from_bits(runtime(*k) as u64)),
            RaiseArg::RuntimeBool(k) => RaisedArg::Bool(runtime(*k) != 0),
            RaiseArg::MissingStringKey => RaisedArg::Str(LAST_MISSING_KEY.with(|k| k.borrow().clone())),
        })
        .collect()
}

/// Python's `str(exception)` of these arguments: the only one's `str`, `''`, or the tuple's repr.
fn raised_message(args: &[RaisedArg]) -> String {
    let text = |a: &RaisedArg, quoted: bool| match a {
        RaisedArg::Str(s) if quoted => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        RaisedArg::Str(s) => s.clone(),
        RaisedArg::Int(i) => i.to_string(),
        // Rust's shortest round-trip digits; hosts with Python's float repr format their own.
        RaisedArg::Float(f) => format!("{f:?}"),
        RaisedArg::Bool(b) => if *b { "True" } else { "False" }.to_string(),
    };
    match args {
        [] => String::new(),
        [one] => text(one, false),
        many => {
            let parts: Vec<String> = many.iter().map(|a| text(a, true)).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// Set by a host when the user asks to stop (Ctrl-C); compiled loops poll it through
/// [`rhumba_interrupted`] and raise `KeyboardInterrupt`.
static INTERRUPT_REQUESTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Asks running compiled code to stop at its next poll. Async-signal-safe (one atomic store), so
/// a SIGINT handler may call it.
pub fn request_interrupt() {
    INTERRUPT_REQUESTED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Whether an interrupt is requested and not yet withdrawn.
pub fn interrupt_pending() -> bool {
    INTERRUPT_REQUESTED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Withdraws a request (a host calls it once the interrupt has been reported); returns whether
/// one was pending.
pub fn clear_interrupt() -> bool {
    INTERRUPT_REQUESTED.swap(false, std::sync::atomic::Ordering::Relaxed)
}

/// The address of the interrupt flag (one byte, nonzero once requested): compiled code polls it
/// with a plain load, which costs less than the call to [`rhumba_interrupted`].
pub fn interrupt_flag_address() -> usize {
    INTERRUPT_REQUESTED.as_ptr() as usize
}

/// Compiled code's poll: nonzero once an interrupt was requested. Called once per iteration of
/// an outer loop or a `while` loop (see `passes::interrupt`), so it costs nothing in hot
/// innermost loops.
pub extern "C" fn rhumba_interrupted() -> i64 {
    INTERRUPT_REQUESTED.load(std::sync::atomic::Ordering::Relaxed) as i64
}

pub fn describe_error(code: i32, index: i64, axis: i64, bound: i64) -> (&'static str, String) {
    if let Some(site) = raise_site(code) {
        return (site.class, raised_message(&raised_args(&site, index, bound)));
    }
    let message = match code {
        ERR_INDEX => format!("index {index} is out of bounds for axis {axis} with size {bound}"),
        ERR_INT_DIVISION => "integer division by zero".into(),
        ERR_INT_MODULO => "integer modulo by zero".into(),
        ERR_FLOAT_DIVISION | ERR_FLOAT_NEGATIVE_POWER => "division by zero".into(),
        ERR_FLOAT_MODULO => "modulo by zero".into(),
        ERR_ASSERTION => String::new(),
        ERR_ALLOCATION => "Allocation failed (probably too large).".into(),
        ERR_ARRAY_TOO_BIG => ARRAY_TOO_BIG.into(),
        ERR_RECURSION => "maximum recursion depth exceeded in compiled code".into(),
        ERR_MASK_SHAPE => format!("boolean index did not match indexed array along axis {axis}; size of axis is {index} but size of corresponding boolean axis is {bound}"),
        ERR_SHAPE => "negative dimensions are not allowed".into(),
        ERR_EMPTY_REDUCTION => "zero-size array to reduction operation which has no identity".into(),
        ERR_SLICE_STEP => "slice step cannot be zero".into(),
        ERR_BROADCAST => "could not broadcast the value to the shape of the slice".into(),
        ERR_RESHAPE => "cannot reshape the array: the new shape has a different size".into(),
        ERR_RANGE_STEP => "range() arg 3 must not be zero".into(),
        ERR_ZERO_NEGATIVE_POWER => "0 cannot be raised to a negative power".into(),
        ERR_INTERRUPTED => String::new(),
        ERR_UNPACK_TOO_MANY => "too many values to unpack".into(),
        ERR_UNPACK_TOO_FEW => "not enough values to unpack".into(),
        ERR_TUPLE_INDEX => "tuple index out of range".into(),
        ERR_SINGULAR_MATRIX => "Matrix is singular to machine precision.".into(),
        ERR_COMPLEX_DIVISION => "complex division by zero".into(),
        ERR_LIST_GET => "getitem out of range".into(),
        ERR_LIST_SET => "setitem out of range".into(),
        ERR_TYPED_LIST_INDEX => "list index out of range".into(),
        ERR_KEY => "key not found".into(),
        ERR_DICT_CHANGED => "dictionary changed size during iteration".into(),
        ERR_STR_INDEX => "string index out of range".into(),
        c if none_value_dtype(c).is_some() => format!("expected {}, got None", none_value_dtype(c).map_or("a value", |d| d.name())),
        other => format!("unknown error code {other} from compiled code"),
    };
    (error_exception(code), message)
}

/// The dtype an [`ERR_NONE_VALUE`] code names, if `code` is one.
pub fn none_value_dtype(code: i32) -> Option<crate::DType> {
    let k = usize::try_from(code.checked_sub(ERR_NONE_VALUE)?).ok()?;
    crate::DType::ALL.get(k).copied()
}

/// The error code for an Optional of `dtype` found None where a value is needed.
pub fn none_value_code(dtype: crate::DType) -> i32 {
    ERR_NONE_VALUE + crate::DType::ALL.iter().position(|d| *d == dtype).unwrap_or(0) as i32
}

/// The Python exception class an error code raises.
pub fn error_exception(code: i32) -> &'static str {
    if let Some(site) = raise_site(code) {
        return site.class;
    }
    match code {
        ERR_INDEX | ERR_MASK_SHAPE | ERR_TUPLE_INDEX | ERR_LIST_GET | ERR_LIST_SET | ERR_TYPED_LIST_INDEX | ERR_STR_INDEX => "IndexError",
        ERR_INT_DIVISION | ERR_INT_MODULO | ERR_FLOAT_DIVISION | ERR_FLOAT_MODULO | ERR_ZERO_NEGATIVE_POWER | ERR_FLOAT_NEGATIVE_POWER | ERR_COMPLEX_DIVISION => "ZeroDivisionError",
        ERR_ASSERTION => "AssertionError",
        ERR_KEY => "KeyError",
        ERR_ALLOCATION => "MemoryError",
        ERR_SINGULAR_MATRIX => "LinAlgError",
        c if none_value_dtype(c).is_some() => "TypeError",
        ERR_RECURSION => "RecursionError",
        ERR_INTERRUPTED => "KeyboardInterrupt",
        ERR_SHAPE | ERR_ARRAY_TOO_BIG | ERR_EMPTY_REDUCTION | ERR_SLICE_STEP | ERR_BROADCAST | ERR_RESHAPE | ERR_RANGE_STEP | ERR_UNPACK_TOO_MANY | ERR_UNPACK_TOO_FEW => "ValueError",
        _ => "RuntimeError",
    }
}

/// The reductions compiled code computes with [`rhumba_reduce`].
pub mod reduce_ops {
    pub const SUM: i64 = 0;
    pub const PROD: i64 = 1;
    pub const MAX: i64 = 2;
    pub const MIN: i64 = 3;
    pub const MEAN: i64 = 4;
    pub const STD: i64 = 5;
    pub const VAR: i64 = 6;
    pub const ARGMAX: i64 = 7;
    pub const ARGMIN: i64 = 8;
}

/// The signature of every compiled entry point: argument slots in, result slots out.
/// Scalars occupy one 8-byte slot (floats as their bits), arrays a pointer to an [`ArrayDesc`].
pub type EntryFn = unsafe extern "C" fn(args: *const u64, results: *mut u64, error: *mut ErrorSlot);

thread_local! {
    /// Buffers allocated by kernels during the current outermost compiled call.
    static ARENA: RefCell<Vec<(Rc<Buffer>, Box<ArrayDesc>)>> = const { RefCell::new(Vec::new()) };
    /// Descriptors of views made by kernels during the current outermost compiled call.
    static VIEWS: RefCell<Vec<Box<ArrayDesc>>> = const { RefCell::new(Vec::new()) };
    /// Lists made by kernels during the current outermost compiled call.
    static LISTS: RefCell<Vec<OwnedList>> = const { RefCell::new(Vec::new()) };
    /// Dicts made by kernels during the current outermost compiled call.
    static DICTS: RefCell<Vec<Box<DictObject>>> = const { RefCell::new(Vec::new()) };
    /// The last string key a lookup did not find (see [`RaiseArg::MissingStringKey`]).
    static LAST_MISSING_KEY: RefCell<String> = const { RefCell::new(String::new()) };
}

/// What kernels allocated during one outermost compiled call.
pub struct Arena {
    pub buffers: Vec<(Rc<Buffer>, Box<ArrayDesc>)>,
    pub views: Vec<Box<ArrayDesc>>,
    /// Lists, which the host reads (results) before dropping the arena.
    pub lists: Vec<OwnedList>,
    /// Dicts, likewise.
    pub dicts: Vec<Box<DictObject>>,
}

/// Takes every buffer and descriptor allocated since the last call, for the host to adopt.
pub fn take_arena() -> Arena {
    Arena {
        buffers: ARENA.with(|a| std::mem::take(&mut *a.borrow_mut())),
        views: VIEWS.with(|v| std::mem::take(&mut *v.borrow_mut())),
        lists: LISTS.with(|l| std::mem::take(&mut *l.borrow_mut())),
        dicts: DICTS.with(|d| std::mem::take(&mut *d.borrow_mut())),
    }
}

// ------------------------------------------------------------------ dicts

/// The most 8-byte slots a compiled dict's key, or its value, may take.
pub const DICT_MAX_SLOTS: usize = 4;

/// One entry of a compiled dict: the key's slots, then the value's, each padded to
/// [`DICT_MAX_SLOTS`]. Compiled code reads an entry through the address the `rhumba_dict_*`
/// functions answer: the key at offset 0, the value at [`DICT_VALUE_OFFSET`].
pub type DictEntry = [u64; 2 * DICT_MAX_SLOTS];

/// Byte offset of an entry's value.
pub const DICT_VALUE_OFFSET: i32 = 8 * DICT_MAX_SLOTS as i32;

/// A key as the map hashes it: the key's slots, compared bit for bit (as Numba's typed dict
/// compares float keys: `-0.0` is not the key `0.0`).
type DictKeyWords = [u64; DICT_MAX_SLOTS];

/// A dict as compiled code sees it: opaque, used through the `rhumba_dict_*` functions. Keys
/// keep their insertion order (Python's), and a removal keeps the others' order.
///
/// A dict of string keys (`string_keys`) keeps one copy of each distinct key string it has
/// seen (`interned`), and hashes and compares the copies' addresses: a key string is looked up
/// by its code points, and the entry's key slot holds the copy, which lives as long as the dict.
pub struct DictObject {
    pub key_slots: usize,
    pub value_slots: usize,
    pub map: indexmap::IndexMap<DictKeyWords, DictEntry, std::hash::BuildHasherDefault<rustc_hash::FxHasher>>,
    pub string_keys: bool,
    interned: std::collections::HashMap<Vec<u64>, OwnedList, std::hash::BuildHasherDefault<rustc_hash::FxHasher>>,
}

impl DictObject {
    /// An empty dict of `key_slots`-slot keys and `value_slots`-slot values (each at most
    /// [`DICT_MAX_SLOTS`]).
    pub fn new(key_slots: usize, value_slots: usize) -> DictObject {
        DictObject { key_slots: key_slots.min(DICT_MAX_SLOTS), value_slots: value_slots.min(DICT_MAX_SLOTS), map: Default::default(), string_keys: false, interned: Default::default() }
    }

    /// An empty dict of string keys (one slot, the address of a string's `ListObject`).
    pub fn with_string_keys(value_slots: usize) -> DictObject {
        DictObject { string_keys: true, ..DictObject::new(1, value_slots) }
    }

    /// Whether `list` is one of this dict's copies of its key strings (a host reading the keys
    /// compiled code iterated).
    pub fn owns_string(&self, list: *const ListObject) -> bool {
        self.interned.values().any(|l| std::ptr::eq(l.as_const_ptr(), list))
    }

    /// The map key of the key at `slots`; for a string key, its interned copy's address, made
    /// when `add` (else zero, which no entry has, when the string is not a key).
    fn key_of(&mut self, slots: &[u64], add: bool) -> DictKeyWords {
        let mut k = [0u64; DICT_MAX_SLOTS];
        if self.string_keys {
            let Some(&address) = slots.first() else { return k };
            // SAFETY: a string key's slot is the address of a live string header (compiled code
            // and hosts pass only strings they hold for the whole call).
            let codes = unsafe { list_items(address as *const ListObject) };
            if let Some(copy) = self.interned.get(&codes) {
                k[0] = copy.as_const_ptr() as u64;
            } else if add {
                let mut copy = OwnedList::new(1, codes.clone());
                k[0] = copy.as_ptr() as u64;
                self.interned.insert(codes, copy);
            } else {
                let text: String = codes.iter().map(|c| u32::try_from(*c).ok().and_then(char::from_u32).unwrap_or('\u{fffd}')).collect();
                LAST_MISSING_KEY.with(|k| *k.borrow_mut() = text);
            }
            return k;
        }
        for (i, w) in slots.iter().take(self.key_slots).enumerate() {
            k[i] = *w;
        }
        k
    }

    /// Inserts or replaces an entry (a host filling a dict it passes in).
    pub fn insert(&mut self, key: &[u64], value: &[u64]) {
        let k = self.key_of(key, true);
        let entry = self.map.entry(k).or_insert([0; 2 * DICT_MAX_SLOTS]);
        entry[..DICT_MAX_SLOTS].copy_from_slice(&k);
        for (i, w) in value.iter().take(DICT_MAX_SLOTS).enumerate() {
            entry[DICT_MAX_SLOTS + i] = *w;
        }
    }

    /// The entries in order, as (key slots, value slots).
    pub fn entries(&self) -> impl Iterator<Item = (&[u64], &[u64])> {
        self.map.values().map(|e| (&e[..self.key_slots], &e[DICT_MAX_SLOTS..DICT_MAX_SLOTS + self.value_slots]))
    }
}

/// A new empty dict, owned by this thread's arena (of string keys when `string_keys` is 1).
#[no_mangle]
pub extern "C" fn rhumba_dict_new(key_slots: i64, value_slots: i64, string_keys: i64) -> *mut DictObject {
    let mut d = Box::new(if string_keys != 0 { DictObject::with_string_keys(value_slots.max(0) as usize) } else { DictObject::new(key_slots.max(0) as usize, value_slots.max(0) as usize) });
    let ptr: *mut DictObject = &mut *d;
    DICTS.with(|v| v.borrow_mut().push(d));
    ptr
}

/// The number of entries.
///
/// # Safety
/// `d` must be a live dict made by this module.
#[no_mangle]
pub unsafe extern "C" fn rhumba_dict_len(d: *const DictObject) -> i64 {
    // SAFETY: the caller's guarantee.
    unsafe { (*d).map.len() as i64 }
}

/// The entry of the key at `key` (its slots), or null when there is none. The address stays
/// valid until the dict next changes.
///
/// # Safety
/// `d` must be a live dict made by this module; `key` must hold its key's slots.
#[no_mangle]
pub unsafe extern "C" fn rhumba_dict_find(d: *mut DictObject, key: *const u64) -> *mut u64 {
    // SAFETY: the caller's guarantee.
    let d = unsafe { &mut *d };
    // SAFETY: as above: `key_slots` readable words.
    let k = d.key_of(unsafe { std::slice::from_raw_parts(key, d.key_slots) }, false);
    d.map.get_mut(&k).map_or(std::ptr::null_mut(), |e| e.as_mut_ptr())
}

/// The entry of the key at `key`, added (value zeroed, at the end of the order) when absent;
/// the caller stores the value. The address stays valid until the dict next changes.
///
/// # Safety
/// `d` must be a live dict made by this module; `key` must hold its key's slots.
#[no_mangle]
pub unsafe extern "C" fn rhumba_dict_insert(d: *mut DictObject, key: *const u64) -> *mut u64 {
    // SAFETY: the caller's guarantee.
    let d = unsafe { &mut *d };
    // SAFETY: as above.
    let k = d.key_of(unsafe { std::slice::from_raw_parts(key, d.key_slots) }, true);
    let e = d.map.entry(k).or_insert_with(|| {
        let mut e = [0u64; 2 * DICT_MAX_SLOTS];
        e[..DICT_MAX_SLOTS].copy_from_slice(&k);
        e
    });
    e.as_mut_ptr()
}

/// Removes the key at `key`, keeping the others' order; 1 if it was there, else 0.
///
/// # Safety
/// `d` must be a live dict made by this module; `key` must hold its key's slots.
#[no_mangle]
pub unsafe extern "C" fn rhumba_dict_remove(d: *mut DictObject, key: *const u64) -> i64 {
    // SAFETY: the caller's guarantee.
    let d = unsafe { &mut *d };
    // SAFETY: as above.
    let k = d.key_of(unsafe { std::slice::from_raw_parts(key, d.key_slots) }, false);
    d.map.shift_remove(&k).is_some() as i64
}

/// The `i`-th entry in order (for iteration), or null past the end.
///
/// # Safety
/// `d` must be a live dict made by this module.
#[no_mangle]
pub unsafe extern "C" fn rhumba_dict_entry(d: *mut DictObject, i: i64) -> *mut u64 {
    // SAFETY: the caller's guarantee.
    let d = unsafe { &mut *d };
    usize::try_from(i).ok().and_then(|i| d.map.get_index_mut(i)).map_or(std::ptr::null_mut(), |(_, e)| e.as_mut_ptr())
}

// ------------------------------------------------------------------ lists

/// A list as compiled code sees it: `len` items of `slots` 8-byte slots each, at `data`, with
/// room for `cap` items. Compiled code holds a pointer to this header (a list is a reference:
/// every name for it sees appends), reads `data` and `len` afresh at each use (an append may
/// move the items), and grows it only through [`rhumba_list_grow`] (or, with room left, by
/// storing past `len` and raising it). Every slot is written whole: a scalar item as an entry
/// point's argument is (its value zero-extended to 64 bits, a float as its bits), so that every
/// slot below `len` is initialised; a tuple or complex item takes one slot per part.
#[repr(C)]
#[derive(Debug)]
pub struct ListObject {
    pub data: *mut u64,
    pub len: i64,
    /// Room in items (`storage_words / slots`, rounded down): compiled code appends inline
    /// while `len < cap`.
    pub cap: i64,
    pub slots: i64,
    /// The storage's true capacity in words (a `Vec<u64>`'s, which need not be a multiple of
    /// `slots`), for giving the storage back to the allocator exactly as it was allocated.
    pub storage_words: i64,
}

/// Byte offsets of [`ListObject`]'s fields, for code generation.
pub mod list_offsets {
    pub const DATA: i32 = 0;
    pub const LEN: i32 = 8;
    pub const CAP: i32 = 16;
}

impl ListObject {
    /// The storage as the `Vec<u64>` it was made from, its length the items' slots.
    ///
    /// # Safety
    /// `data`, `len` and `storage_words` must describe a `Vec<u64>` made by this module (only
    /// `OwnedList::new` and [`ListObject::put_storage`] set them), not taken since.
    unsafe fn take_storage(&mut self) -> Vec<u64> {
        let slots = self.slots.max(1) as usize;
        // SAFETY: the caller's guarantee: a live `Vec<u64>` allocation of `storage_words`
        // words whose first `len * slots` are initialised (compiled code writes whole slots).
        unsafe { Vec::from_raw_parts(self.data, self.len as usize * slots, self.storage_words as usize) }
    }

    /// Makes `v` the storage again (after [`ListObject::take_storage`]).
    fn put_storage(&mut self, v: Vec<u64>) {
        let slots = self.slots.max(1) as usize;
        let mut v = std::mem::ManuallyDrop::new(v);
        self.len = (v.len() / slots) as i64;
        self.cap = (v.capacity() / slots) as i64;
        self.storage_words = v.capacity() as i64;
        self.data = v.as_mut_ptr();
    }
}

/// A list header and the storage it owns; dropping it frees both.
pub struct OwnedList(Box<ListObject>);

impl OwnedList {
    /// A list of `slots`-slot items holding `items` (a trailing partial item is dropped).
    pub fn new(slots: usize, mut items: Vec<u64>) -> OwnedList {
        let slots = slots.max(1);
        items.truncate(items.len() / slots * slots);
        let mut header = Box::new(ListObject { data: std::ptr::NonNull::dangling().as_ptr(), len: 0, cap: 0, slots: slots as i64, storage_words: 0 });
        header.put_storage(items);
        OwnedList(header)
    }

    /// The header's address, which compiled code takes as the list.
    pub fn as_ptr(&mut self) -> *mut ListObject {
        &mut *self.0
    }

    /// The header's address, to recognise a list that compiled code returns.
    pub fn as_const_ptr(&self) -> *const ListObject {
        &*self.0
    }

    /// The address of the first item's first slot: a `@jitclass` instance as compiled code
    /// holds it (an instance is a list of one item, its fields).
    pub fn data_ptr(&self) -> *mut u64 {
        self.0.data
    }
}

impl Drop for OwnedList {
    fn drop(&mut self) {
        // SAFETY: the header was made by `OwnedList::new` and changed only through
        // `put_storage`; the storage is taken once, here, and dropped.
        drop(unsafe { self.0.take_storage() });
    }
}

/// The slots of a list's items, copied out (how a host reads a list back).
///
/// # Safety
/// `list` must be a valid header made by this module.
pub unsafe fn list_items(list: *const ListObject) -> Vec<u64> {
    // SAFETY: the caller's guarantee; `data` holds `len * slots` initialised slots.
    unsafe {
        let l = &*list;
        std::slice::from_raw_parts(l.data, (l.len * l.slots.max(1)) as usize).to_vec()
    }
}

/// A new empty list of `slots`-slot items, owned by this thread's arena.
#[no_mangle]
pub extern "C" fn rhumba_list_new(slots: i64) -> *mut ListObject {
    let mut list = OwnedList::new(slots.max(1) as usize, Vec::new());
    let ptr = list.as_ptr();
    LISTS.with(|l| l.borrow_mut().push(list));
    ptr
}

/// Appends one zeroed item and returns the address of its first slot, for the caller to store
/// the item's parts; null when memory runs out (the list is then unchanged).
///
/// # Safety
/// `list` must be a valid header made by this module.
#[no_mangle]
pub unsafe extern "C" fn rhumba_list_grow(list: *mut ListObject) -> *mut u64 {
    // SAFETY: the caller's guarantee.
    let l = unsafe { &mut *list };
    let slots = l.slots.max(1) as usize;
    // SAFETY: the header is this module's (the caller's guarantee); the storage goes back below.
    let mut v = unsafe { l.take_storage() };
    let ok = v.try_reserve(slots).is_ok();
    if ok {
        v.resize(v.len() + slots, 0);
    }
    l.put_storage(v);
    if !ok {
        return std::ptr::null_mut();
    }
    // SAFETY: the item just added lies inside the storage.
    unsafe { l.data.add((l.len as usize - 1) * slots) }
}

/// A new `@jitclass` instance of `slots` zeroed 8-byte slots, owned by this thread's arena:
/// compiled code holds the address of its first slot (the list's one item, which never
/// moves, since an instance never grows). Null when memory runs out.
#[no_mangle]
pub extern "C" fn rhumba_object_new(slots: i64) -> *mut u64 {
    let slots = slots.max(1) as usize;
    let mut words = Vec::new();
    if words.try_reserve_exact(slots).is_err() {
        return std::ptr::null_mut();
    }
    words.resize(slots, 0);
    let object = OwnedList::new(slots, words);
    let fields = object.data_ptr();
    LISTS.with(|l| l.borrow_mut().push(object));
    fields
}

/// Shortens a list to `len` items (no change when it is not longer).
///
/// # Safety
/// `list` must be a valid header made by this module.
#[no_mangle]
pub unsafe extern "C" fn rhumba_list_truncate(list: *mut ListObject, len: i64) {
    // SAFETY: the caller's guarantee.
    let l = unsafe { &mut *list };
    if (0..l.len).contains(&len) {
        l.len = len;
    }
}

/// How much this thread's arena holds, to release later what is allocated after this point.
pub fn arena_mark() -> (usize, usize) {
    (ARENA.with(|a| a.borrow().len()), VIEWS.with(|v| v.borrow().len()))
}

/// A new array taken out of one thread's arena, to be adopted by another's: the partial
/// accumulator of a `prange` chunk (an array reduction), combined by the calling thread.
pub struct DetachedArray(Rc<Buffer>, Box<ArrayDesc>);

// SAFETY: a `DetachedArray` is only made from a buffer whose `Rc` is unique (no other strong or
// weak reference exists on any thread, checked in `arena_detach`), so moving it to another thread
// moves the only handle; the descriptor is a plain heap allocation.
unsafe impl Send for DetachedArray {}

/// Takes out of this thread's arena the array allocated since `mark` whose descriptor is at
/// `desc`; `None` when there is none (or its buffer is shared, and must stay here).
pub fn arena_detach(mark: (usize, usize), desc: *const ArrayDesc) -> Option<DetachedArray> {
    ARENA.with(|a| {
        let mut a = a.borrow_mut();
        let at = (mark.0..a.len()).find(|&k| std::ptr::eq(&*a[k].1, desc))?;
        if Rc::strong_count(&a[at].0) != 1 || Rc::weak_count(&a[at].0) != 0 {
            return None;
        }
        let (buffer, desc) = a.remove(at);
        Some(DetachedArray(buffer, desc))
    })
}

/// Puts a detached array into this thread's arena (it then lives as long as arrays this thread's
/// compiled code allocates).
pub fn arena_adopt(array: DetachedArray) {
    ARENA.with(|a| a.borrow_mut().push((array.0, array.1)));
}

/// Frees what this thread allocated since `mark` (used for the chunks of a parallel loop, whose
/// arrays cannot outlive them).
pub fn arena_release(mark: (usize, usize)) {
    let buffers = ARENA.with(|a| {
        let mut a = a.borrow_mut();
        let at = mark.0.min(a.len());
        a.split_off(at)
    });
    let views = VIEWS.with(|v| {
        let mut v = v.borrow_mut();
        let at = mark.1.min(v.len());
        v.split_off(at)
    });
    drop((buffers, views));
}

/// Marks an absent slice bound in a view specification.
pub const SLICE_NONE: i64 = i64::MIN;

/// Builds the view `src[spec...]`. `spec` holds four `i64`s per leading axis:
/// `[0, index, _, _]` selects one position (dropping the axis) and `[1, start, stop, step]` a
/// slice, with [`SLICE_NONE`] for an omitted bound; later axes are kept whole. Returns the new
/// descriptor, or null with `err` = `[ERR_INDEX, index, axis, length]` or `[ERR_SHAPE, ..]` for a
/// zero step.
///
/// # Safety
/// `src` must be a valid descriptor, `spec` must hold `4 * n` readable `i64`s, `err` 4 writable.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_view(src: *const ArrayDesc, n: i64, spec: *const i64, err: *mut i64) -> *mut ArrayDesc {
    // SAFETY: the caller passes a valid descriptor.
    let src = unsafe { &*src };
    let ndim = src.ndim.clamp(0, MAX_DIMS as i64) as usize;
    let n = n.clamp(0, ndim as i64) as usize;
    // SAFETY: the caller passes `4 * n` specification entries.
    let spec = unsafe { std::slice::from_raw_parts(spec, 4 * n) };
    let mut out = ArrayDesc { data: src.data, ndim: 0, shape: [0; MAX_DIMS], strides: [0; MAX_DIMS] };
    let mut offset = 0i64;
    let mut kept = 0usize;
    let fail = |code: i64, index: i64, axis: usize, len: i64| {
        // SAFETY: the caller passes four writable entries.
        unsafe { std::ptr::copy_nonoverlapping([code, index, axis as i64, len].as_ptr(), err, 4) };
        std::ptr::null_mut()
    };
    for axis in 0..ndim {
        let len = src.shape[axis];
        let stride = src.strides[axis];
        if axis >= n {
            out.shape[kept] = len;
            out.strides[kept] = stride;
            kept += 1;
            continue;
        }
        let s = &spec[4 * axis..4 * axis + 4];
        if s[0] == 0 {
            let i = if s[1] < 0 { s[1] + len } else { s[1] };
            if i < 0 || i >= len {
                return fail(ERR_INDEX as i64, s[1], axis, len);
            }
            offset += i * stride;
            continue;
        }
        let step = if s[3] == SLICE_NONE { 1 } else { s[3] };
        if step == 0 {
            return fail(ERR_SLICE_STEP as i64, 0, axis, len);
        }
        // Python's `slice.indices(len)`.
        let clamp = |v: i64, lo: i64, hi: i64| if v < 0 { (v + len).max(lo) } else { v.min(hi) };
        let (start, stop) = if step > 0 {
            (if s[1] == SLICE_NONE { 0 } else { clamp(s[1], 0, len) }, if s[2] == SLICE_NONE { len } else { clamp(s[2], 0, len) })
        } else {
            (if s[1] == SLICE_NONE { len - 1 } else { clamp(s[1], -1, len - 1) }, if s[2] == SLICE_NONE { -1 } else { clamp(s[2], -1, len - 1) })
        };
        let count = if step > 0 { (stop - start + step - 1).div_euclid(step).max(0) } else { (start - stop - step - 1).div_euclid(-step).max(0) };
        if count > 0 {
            offset += start * stride;
        }
        out.shape[kept] = count;
        out.strides[kept] = stride * step;
        kept += 1;
    }
    out.ndim = kept as i64;
    out.data = src.data.wrapping_offset(offset as isize);
    let mut boxed = Box::new(out);
    let ptr: *mut ArrayDesc = &mut *boxed;
    VIEWS.with(|v| v.borrow_mut().push(boxed));
    ptr
}

/// The transpose of an array (its axes reversed), a view.
///
/// # Safety
/// `src` must be a valid descriptor.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_transpose(src: *const ArrayDesc) -> *mut ArrayDesc {
    // SAFETY: the caller passes a valid descriptor.
    let src = unsafe { &*src };
    let ndim = src.ndim.clamp(0, MAX_DIMS as i64) as usize;
    let mut out = *src;
    for k in 0..ndim {
        out.shape[k] = src.shape[ndim - 1 - k];
        out.strides[k] = src.strides[ndim - 1 - k];
    }
    let mut boxed = Box::new(out);
    let ptr: *mut ArrayDesc = &mut *boxed;
    VIEWS.with(|v| v.borrow_mut().push(boxed));
    ptr
}

/// `dst[...] = src`: copies `src` into `dst`, broadcasting it, converting between dtypes.
/// Returns 0, or `ERR_BROADCAST` when the shapes do not broadcast.
///
/// # Safety
/// Both descriptors must be valid; `dst` must be writable.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_assign(dst: *const ArrayDesc, dst_dtype: i64, src: *const ArrayDesc, src_dtype: i64) -> i32 {
    // SAFETY: the caller passes valid descriptors.
    let (dst, src) = unsafe { (&*dst, &*src) };
    let (Some(dd), Some(sd)) = (dtype_from_code(dst_dtype), dtype_from_code(src_dtype)) else { return ERR_BROADCAST };
    let (dn, sn) = (dst.ndim as usize, src.ndim as usize);
    if sn > dn {
        return ERR_BROADCAST;
    }
    // Broadcast the source to the destination's shape (stride 0 along stretched axes).
    let mut b = ArrayDesc { data: src.data, ndim: dst.ndim, shape: dst.shape, strides: [0; MAX_DIMS] };
    for k in 0..sn {
        let (s_len, d_len) = (src.shape[sn - 1 - k], dst.shape[dn - 1 - k]);
        if s_len == d_len {
            b.strides[dn - 1 - k] = src.strides[sn - 1 - k];
        } else if s_len != 1 {
            return ERR_BROADCAST;
        }
    }
    // Read everything first: source and destination may overlap (`a[1:] = a[:-1]`).
    let mut values = Vec::new();
    // SAFETY: `b` addresses only elements of `src` (broadcast strides are 0 or `src`'s).
    unsafe { for_each_element(&b, sd, |i, x| values.push((i, x))) };
    let mut k = 0;
    // SAFETY: `dst` is writable for its shape.
    unsafe { for_each_address(dst, |p| {
        let (i, x) = values[k];
        k += 1;
        write_element(p, dd, i, x, sd.is_float());
    }) };
    0
}

/// `dst[...] = value` for a scalar (given both as an integer and as a float).
///
/// # Safety
/// `dst` must be a valid, writable descriptor.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_fill(dst: *const ArrayDesc, dtype: i64, int_value: i64, float_value: f64, is_float: i8) {
    // SAFETY: the caller passes a valid descriptor.
    let dst = unsafe { &*dst };
    let Some(d) = dtype_from_code(dtype) else { return };
    // SAFETY: `dst` is writable for its shape.
    unsafe { for_each_address(dst, |p| write_element(p, d, int_value, float_value, is_float != 0)) };
}

/// Visits the address of every element in C order.
///
/// # Safety
/// `desc` must describe memory valid for its shape and strides.
unsafe fn for_each_address(desc: &ArrayDesc, mut f: impl FnMut(*mut u8)) {
    let ndim = desc.ndim.clamp(0, MAX_DIMS as i64) as usize;
    let total: i64 = desc.shape[..ndim].iter().product();
    let mut index = [0i64; MAX_DIMS];
    for _ in 0..total {
        let offset: i64 = (0..ndim).map(|k| index[k] * desc.strides[k]).sum();
        f(desc.data.wrapping_offset(offset as isize));
        for k in (0..ndim).rev() {
            index[k] += 1;
            if index[k] < desc.shape[k] {
                break;
            }
            index[k] = 0;
        }
    }
}

/// Stores one value, converted as numpy's `astype` does (floats truncate, integers wrap).
///
/// # Safety
/// `p` must address a writable element of `d`.
unsafe fn write_element(p: *mut u8, d: DType, i: i64, x: f64, from_float: bool) {
    let int = if from_float { x as i64 } else { i };
    let float = if from_float { x } else { i as f64 };
    // SAFETY: forwarded from this function's contract; writes are unaligned-safe.
    unsafe {
        match d {
            DType::Bool => *p = (if from_float { x != 0.0 } else { i != 0 }) as u8,
            DType::Int8 | DType::UInt8 => *p = int as u8,
            DType::Int16 | DType::UInt16 => (p as *mut i16).write_unaligned(int as i16),
            DType::Int32 | DType::UInt32 => (p as *mut i32).write_unaligned(int as i32),
            DType::Int64 | DType::UInt64 => (p as *mut i64).write_unaligned(int),
            DType::Float32 => (p as *mut f32).write_unaligned(float as f32),
            DType::Float64 => (p as *mut f64).write_unaligned(float),
            // A real value stored into a complex element: the imaginary part is zero.
            DType::Complex64 => (p as *mut [f32; 2]).write_unaligned([float as f32, 0.0]),
            DType::Complex128 => (p as *mut [f64; 2]).write_unaligned([float, 0.0]),
        }
    }
}

fn dtype_from_code(code: i64) -> Option<DType> {
    DType::ALL.get(usize::try_from(code).ok()?).copied()
}

/// The code generated code passes to name a dtype: its index in [`DType::ALL`].
pub fn dtype_code(d: DType) -> i64 {
    DType::ALL.iter().position(|x| *x == d).unwrap_or(0) as i64
}

/// Allocates a zero-filled C-contiguous array and returns its descriptor, or null when the
/// shape is invalid (negative) or too large.
///
/// # Safety
/// `shape` must point to `ndim` readable `i64`s.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_new(dtype: i64, ndim: i64, shape: *const i64) -> *mut ArrayDesc {
    // SAFETY: the caller's guarantee is this function's.
    let desc = unsafe { rhumba_array_new_checked(dtype, ndim, shape) };
    if desc < 0 {
        std::ptr::null_mut()
    } else {
        desc as *mut ArrayDesc
    }
}

/// numpy's and Numba's message for an array whose size in bytes overflows.
pub const ARRAY_TOO_BIG: &str = "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.";

/// `rhumba_array_new` for compiled code: the descriptor's address, or minus the error code
/// (`ERR_SHAPE` for a negative dimension, `ERR_ARRAY_TOO_BIG`, `ERR_ALLOCATION`) when there is
/// none, so that the code raises the exception Numba raises. (No descriptor lives at an address
/// that is negative as a signed integer: user-space addresses are below 2^47.)
///
/// # Safety
/// `shape` must point to `ndim` readable `i64`s.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_new_checked(dtype: i64, ndim: i64, shape: *const i64) -> i64 {
    let Some(dtype) = dtype_from_code(dtype) else { return -(ERR_SHAPE as i64) };
    if !(0..=MAX_DIMS as i64).contains(&ndim) {
        return -(ERR_SHAPE as i64);
    }
    let mut desc = Box::new(ArrayDesc { data: std::ptr::null_mut(), ndim, shape: [0; MAX_DIMS], strides: [0; MAX_DIMS] });
    let item = dtype.size() as i64;
    let mut bytes: Option<i64> = Some(item);
    for k in 0..ndim as usize {
        // SAFETY: the caller passes `ndim` shape entries.
        let n = unsafe { *shape.add(k) };
        if n < 0 {
            return -(ERR_SHAPE as i64);
        }
        desc.shape[k] = n;
        bytes = bytes.and_then(|b| b.checked_mul(n));
    }
    let Some(bytes) = bytes else { return -(ERR_ARRAY_TOO_BIG as i64) };
    let mut stride = item;
    for k in (0..ndim as usize).rev() {
        desc.strides[k] = stride;
        stride = stride.saturating_mul(desc.shape[k].max(1));
    }
    let buffer = match Buffer::try_zeroed(bytes as usize) {
        Ok(b) => Rc::new(b),
        Err(crate::array::AllocError::TooBig) => return -(ERR_ARRAY_TOO_BIG as i64),
        Err(crate::array::AllocError::OutOfMemory) => return -(ERR_ALLOCATION as i64),
    };
    desc.data = buffer.as_ptr();
    let ptr: *mut ArrayDesc = &mut *desc;
    ARENA.with(|a| a.borrow_mut().push((buffer, desc)));
    ptr as i64
}

/// A descriptor (kept in this thread's arena, like a view's) for an array the optimising tier's
/// code holds as separate values: how its entry returns an array to the host, which finds the
/// storage by address as for any view.
///
/// # Safety
/// `shape` and `strides` must hold `ndim` entries (at most [`MAX_DIMS`]).
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_describe(data: *mut u8, ndim: i64, shape: *const i64, strides: *const i64) -> *mut ArrayDesc {
    let ndim = ndim.clamp(0, MAX_DIMS as i64);
    let mut desc = Box::new(ArrayDesc { data, ndim, shape: [0; MAX_DIMS], strides: [0; MAX_DIMS] });
    for k in 0..ndim as usize {
        // SAFETY: the caller passes `ndim` entries in each.
        unsafe {
            desc.shape[k] = *shape.add(k);
            desc.strides[k] = *strides.add(k);
        }
    }
    let ptr: *mut ArrayDesc = &mut *desc;
    VIEWS.with(|v| v.borrow_mut().push(desc));
    ptr
}

/// Allocates a copy of an array (C-contiguous), or null if it cannot.
///
/// # Safety
/// `src` must point to a valid descriptor whose data is readable for its shape and strides.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_copy(dtype: i64, src: *const ArrayDesc) -> *mut ArrayDesc {
    // SAFETY: the caller guarantees `src` is a valid descriptor.
    let src = unsafe { &*src };
    let Some(d) = dtype_from_code(dtype) else { return std::ptr::null_mut() };
    // SAFETY: `src.shape` holds `src.ndim` entries.
    let out = unsafe { rhumba_array_new(dtype, src.ndim, src.shape.as_ptr()) };
    if out.is_null() {
        return out;
    }
    // SAFETY: `out` was just allocated with the same shape.
    let dst = unsafe { &*out };
    let item = d.size();
    let ndim = src.ndim as usize;
    let total: i64 = src.shape[..ndim].iter().product();
    let mut index = [0i64; MAX_DIMS];
    for flat in 0..total {
        let mut s_off = 0i64;
        let mut d_off = 0i64;
        for k in 0..ndim {
            s_off += index[k] * src.strides[k];
            d_off += index[k] * dst.strides[k];
        }
        // SAFETY: both offsets address elements inside their arrays (indices are in range).
        unsafe { std::ptr::copy_nonoverlapping(src.data.offset(s_off as isize), dst.data.offset(d_off as isize), item) };
        let _ = flat;
        for k in (0..ndim).rev() {
            index[k] += 1;
            if index[k] < src.shape[k] {
                break;
            }
            index[k] = 0;
        }
    }
    out
}

/// Visits every element of an array in C order, as (int value, float value).
///
/// # Safety
/// `desc` must describe readable memory for its shape and strides.
unsafe fn for_each_element(desc: &ArrayDesc, dtype: DType, mut f: impl FnMut(i64, f64)) {
    let ndim = desc.ndim.clamp(0, MAX_DIMS as i64) as usize;
    let total: i64 = desc.shape[..ndim].iter().product();
    let mut index = [0i64; MAX_DIMS];
    for _ in 0..total {
        let offset: i64 = (0..ndim).map(|k| index[k] * desc.strides[k]).sum();
        // SAFETY: the index is within the shape, so the offset addresses an element.
        let p = unsafe { desc.data.offset(offset as isize) };
        // SAFETY: `p` points to one element of `dtype`, possibly unaligned for views.
        let (i, x) = unsafe {
            match dtype {
                DType::Bool | DType::UInt8 => { let v = *p as i64; (v, v as f64) }
                DType::Int8 => { let v = *(p as *const i8) as i64; (v, v as f64) }
                DType::Int16 => { let v = (p as *const i16).read_unaligned() as i64; (v, v as f64) }
                DType::UInt16 => { let v = (p as *const u16).read_unaligned() as i64; (v, v as f64) }
                DType::Int32 => { let v = (p as *const i32).read_unaligned() as i64; (v, v as f64) }
                DType::UInt32 => { let v = (p as *const u32).read_unaligned() as i64; (v, v as f64) }
                DType::Int64 | DType::UInt64 => { let v = (p as *const i64).read_unaligned(); (v, v as f64) }
                DType::Float32 => { let v = (p as *const f32).read_unaligned() as f64; (v as i64, v) }
                DType::Float64 => { let v = (p as *const f64).read_unaligned(); (v as i64, v) }
                // The checker keeps complex arrays away from these element-wise helpers; a
                // complex element reads as its real part, numpy's complex -> real conversion.
                DType::Complex64 => { let v = (p as *const f32).read_unaligned() as f64; (v as i64, v) }
                DType::Complex128 => { let v = (p as *const f64).read_unaligned(); (v as i64, v) }
            }
        };
        f(i, x);
        for k in (0..ndim).rev() {
            index[k] += 1;
            if index[k] < desc.shape[k] {
                break;
            }
            index[k] = 0;
        }
    }
}

/// A whole-array reduction (`a.sum()`, `np.max(a)`, ...) with Numba's semantics: sequential
/// sums, NaN-propagating extrema, first index for ties. The result is written to `out` as the
/// bits of an `f64` or of an `i64` (integer sums and products, argmax, argmin, integer extrema).
/// Returns 0, or `ERR_EMPTY_REDUCTION` for an extremum of an empty array.
///
/// # Safety
/// `desc` must be a valid descriptor and `out` writable.
#[no_mangle]
pub unsafe extern "C" fn rhumba_reduce(desc: *const ArrayDesc, dtype: i64, op: i64, out: *mut u64) -> i32 {
    use reduce_ops::*;
    let Some(d) = dtype_from_code(dtype) else { return ERR_EMPTY_REDUCTION };
    // SAFETY: the caller passes a valid descriptor.
    let desc = unsafe { &*desc };
    let float = d.is_float();
    let (mut isum, mut fsum, mut iprod, mut fprod, mut count) = (0i64, 0.0f64, 1i64, 1.0f64, 0i64);
    let mut best: Option<(i64, f64, i64)> = None;
    let mut values = Vec::new();
    // SAFETY: forwarded from this function's contract.
    unsafe {
        for_each_element(desc, d, |i, x| {
            isum = isum.wrapping_add(i);
            fsum += x;
            iprod = iprod.wrapping_mul(i);
            fprod *= x;
            let better = match best {
                None => true,
                Some((bi, bx, _)) => {
                    if float {
                        !bx.is_nan() && (x.is_nan() || if op == MAX || op == ARGMAX { x > bx } else { x < bx })
                    } else if op == MAX || op == ARGMAX {
                        i > bi
                    } else {
                        i < bi
                    }
                }
            };
            if better {
                best = Some((i, x, count));
            }
            if op == STD || op == VAR {
                values.push(x);
            }
            count += 1;
        })
    };
    let bits = match op {
        SUM if float => fsum.to_bits(),
        SUM => isum as u64,
        PROD if float => fprod.to_bits(),
        PROD => iprod as u64,
        MAX | MIN | ARGMAX | ARGMIN => {
            let Some((i, x, at)) = best else { return ERR_EMPTY_REDUCTION };
            match op {
                ARGMAX | ARGMIN => at as u64,
                _ if float => x.to_bits(),
                _ => i as u64,
            }
        }
        MEAN => (fsum / count as f64).to_bits(),
        _ => {
            let mean = fsum / count as f64;
            let var = values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / count as f64;
            if op == STD { var.sqrt() } else { var }.to_bits()
        }
    };
    // SAFETY: the caller passes a writable result.
    unsafe { *out = bits };
    0
}

/// Elementwise operations of array expressions ([`rhumba_array_binary`], [`rhumba_array_unary`]).
pub mod elementwise_ops {
    pub const ADD: i64 = 0;
    pub const SUB: i64 = 1;
    pub const MUL: i64 = 2;
    pub const DIV: i64 = 3;
    pub const FLOOR_DIV: i64 = 4;
    pub const MOD: i64 = 5;
    pub const POW: i64 = 6;
    pub const EQ: i64 = 7;
    pub const NE: i64 = 8;
    pub const LT: i64 = 9;
    pub const LE: i64 = 10;
    pub const GT: i64 = 11;
    pub const GE: i64 = 12;
    pub const MIN: i64 = 13;
    pub const MAX: i64 = 14;
    pub const NEG: i64 = 20;
    pub const ABS: i64 = 21;
    pub const SQRT: i64 = 22;
    pub const EXP: i64 = 23;
    pub const LOG: i64 = 24;
    pub const SIN: i64 = 25;
    pub const COS: i64 = 26;
    pub const TAN: i64 = 27;
    pub const TANH: i64 = 28;
    pub const FLOOR: i64 = 29;
    pub const CEIL: i64 = 30;
    pub const ARCTAN: i64 = 31;
    pub const LOG10: i64 = 32;
    pub const SINH: i64 = 33;
    pub const COSH: i64 = 34;
    pub const EXPM1: i64 = 35;
    pub const LOG1P: i64 = 36;
    /// numpy's `sign`: -1, 0 or 1 (NaN stays NaN).
    pub const SIGN: i64 = 37;
    /// Rounding half to even (`np.rint`, and `np.round` with no decimals).
    pub const RINT: i64 = 38;
}

/// Allocates the result of an elementwise operation: `shape` broadcast, C-contiguous.
fn new_result(dtype: DType, shape: &[i64]) -> *mut ArrayDesc {
    // SAFETY: `shape` holds `shape.len()` entries.
    unsafe { rhumba_array_new(dtype_code(dtype), shape.len() as i64, shape.as_ptr()) }
}

/// `src` seen with `shape` (numpy broadcasting: stride 0 along stretched axes), or `None`.
fn broadcast(src: &ArrayDesc, shape: &[i64]) -> Option<ArrayDesc> {
    let (n, sn) = (shape.len(), src.ndim as usize);
    if sn > n {
        return None;
    }
    let mut out = ArrayDesc { data: src.data, ndim: n as i64, shape: [0; MAX_DIMS], strides: [0; MAX_DIMS] };
    out.shape[..n].copy_from_slice(shape);
    for k in 0..sn {
        let (s, d) = (src.shape[sn - 1 - k], shape[n - 1 - k]);
        if s == d {
            out.strides[n - 1 - k] = src.strides[sn - 1 - k];
        } else if s != 1 {
            return None;
        }
    }
    Some(out)
}

fn broadcast_shape(a: &ArrayDesc, b: &ArrayDesc) -> Option<Vec<i64>> {
    let (an, bn) = (a.ndim as usize, b.ndim as usize);
    let n = an.max(bn);
    (0..n)
        .map(|i| {
            let x = if i + an >= n { a.shape[i + an - n] } else { 1 };
            let y = if i + bn >= n { b.shape[i + bn - n] } else { 1 };
            match (x, y) {
                (x, y) if x == y => Some(x),
                (1, y) => Some(y),
                (x, 1) => Some(x),
                _ => None,
            }
        })
        .collect()
}

fn unary_f64(op: i64, x: f64) -> f64 {
    use elementwise_ops::*;
    match op {
        NEG => -x,
        ABS => x.abs(),
        SQRT => x.sqrt(),
        EXP => x.exp(),
        LOG => x.ln(),
        SIN => x.sin(),
        COS => x.cos(),
        TAN => x.tan(),
        TANH => x.tanh(),
        FLOOR => x.floor(),
        CEIL => x.ceil(),
        ARCTAN => x.atan(),
        LOG10 => x.log10(),
        SINH => x.sinh(),
        COSH => x.cosh(),
        EXPM1 => x.exp_m1(),
        LOG1P => x.ln_1p(),
        SIGN if x > 0.0 => 1.0,
        SIGN if x < 0.0 => -1.0,
        // Numba keeps the zero's sign (numpy's own `sign` gives +0.0).
        SIGN if x == 0.0 => x,
        RINT => x.round_ties_even(),
        _ => f64::NAN,
    }
}

/// `a op b` elementwise with broadcasting, into a new array of `out_dtype` (numpy semantics:
/// no error on division by zero). Comparisons give booleans. Returns null when the shapes do not
/// broadcast.
///
/// # Safety
/// Both descriptors must be valid.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_binary(a: *const ArrayDesc, a_dtype: i64, b: *const ArrayDesc, b_dtype: i64, op: i64, out_dtype: i64) -> *mut ArrayDesc {
    use elementwise_ops::*;
    // SAFETY: the caller passes valid descriptors.
    let (a, b) = unsafe { (&*a, &*b) };
    let (Some(ad), Some(bd), Some(od)) = (dtype_from_code(a_dtype), dtype_from_code(b_dtype), dtype_from_code(out_dtype)) else { return std::ptr::null_mut() };
    let Some(shape) = broadcast_shape(a, b) else { return std::ptr::null_mut() };
    let (Some(ba), Some(bb)) = (broadcast(a, &shape), broadcast(b, &shape)) else { return std::ptr::null_mut() };
    if ad.is_complex() || bd.is_complex() {
        // SAFETY: forwarded from this function's contract; the broadcast descriptors address
        // only elements of `a` and `b`.
        return unsafe { complex_binary(&ba, ad, &bb, bd, op, od, &shape) };
    }
    let mut left = Vec::new();
    let mut right = Vec::new();
    // SAFETY: broadcast descriptors address only elements of `a` and `b`.
    unsafe {
        for_each_element(&ba, ad, |i, x| left.push((i, x)));
        for_each_element(&bb, bd, |i, x| right.push((i, x)));
    }
    let out = new_result(od, &shape);
    if out.is_null() {
        return out;
    }
    let float = ad.is_float() || bd.is_float() || op == DIV;
    let mut k = 0;
    // SAFETY: `out` was just allocated with `shape`.
    unsafe {
        for_each_address(&*out, |p| {
            let ((ia, xa), (ib, xb)) = (left[k], right[k]);
            k += 1;
            let cmp = |o: std::cmp::Ordering| match op {
                EQ => o.is_eq(),
                NE => o.is_ne(),
                LT => o.is_lt(),
                LE => o.is_le(),
                GT => o.is_gt(),
                _ => o.is_ge(),
            };
            if (EQ..=GE).contains(&op) {
                let r = if float { xa.partial_cmp(&xb).is_some_and(cmp) || (op == NE && (xa.is_nan() || xb.is_nan())) } else { cmp(ia.cmp(&ib)) };
                write_element(p, od, r as i64, 0.0, false);
            } else if float {
                let r = match op {
                    ADD => xa + xb,
                    SUB => xa - xb,
                    MUL => xa * xb,
                    DIV => xa / xb,
                    FLOOR_DIV => if xb == 0.0 { xa / xb } else { rhumba_py_floordiv(xa, xb) },
                    MOD => if xb == 0.0 { f64::NAN } else { rhumba_py_fmod(xa, xb) },
                    POW => xa.powf(xb),
                    MIN => if xa.is_nan() || xb.is_nan() { f64::NAN } else { xa.min(xb) },
                    _ => if xa.is_nan() || xb.is_nan() { f64::NAN } else { xa.max(xb) },
                };
                write_element(p, od, 0, r, true);
            } else {
                let r = match op {
                    ADD => ia.wrapping_add(ib),
                    SUB => ia.wrapping_sub(ib),
                    MUL => ia.wrapping_mul(ib),
                    FLOOR_DIV | MOD if ib == 0 => 0,
                    FLOOR_DIV => {
                        let q = ia.wrapping_div(ib);
                        if (ia.wrapping_rem(ib) != 0) && ((ia < 0) != (ib < 0)) { q - 1 } else { q }
                    }
                    MOD => {
                        let r = ia.wrapping_rem(ib);
                        if r != 0 && ((r < 0) != (ib < 0)) { r + ib } else { r }
                    }
                    POW => rhumba_ipow(ia, ib),
                    MIN => ia.min(ib),
                    _ => ia.max(ib),
                };
                write_element(p, od, r, 0.0, false);
            }
        })
    };
    out
}

/// Every element of an array as a complex number's parts (reals with a zero imaginary part).
///
/// # Safety
/// `desc` must describe readable memory of `dtype` for its shape and strides.
unsafe fn complex_elements(desc: &ArrayDesc, dtype: DType) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    // SAFETY: forwarded; each address is one element of `dtype`, possibly unaligned.
    unsafe {
        match dtype {
            DType::Complex128 => for_each_address(desc, |p| {
                let [re, im] = (p as *const [f64; 2]).read_unaligned();
                out.push((re, im));
            }),
            DType::Complex64 => for_each_address(desc, |p| {
                let [re, im] = (p as *const [f32; 2]).read_unaligned();
                out.push((re as f64, im as f64));
            }),
            d => for_each_element(desc, d, |i, x| out.push((if d.is_float() { x } else { i as f64 }, 0.0))),
        }
    }
    out
}

/// `a op b` elementwise where an operand is complex: `+ - * /` with Numba's formulas (a real
/// operand made complex first; CPython's division), `==`/`!=`. A zero divisor answers minus
/// [`ERR_COMPLEX_DIVISION`] instead of an array (Numba's array expressions raise there, as its
/// scalar division does). A complex64 result is computed as float32 arithmetic rounds, each
/// primitive operation rounded to float32.
///
/// # Safety
/// The descriptors must be valid and broadcast to `shape`.
unsafe fn complex_binary(a: &ArrayDesc, ad: DType, b: &ArrayDesc, bd: DType, op: i64, od: DType, shape: &[i64]) -> *mut ArrayDesc {
    use elementwise_ops::*;
    // SAFETY: forwarded from this function's contract.
    let (left, right) = unsafe { (complex_elements(a, ad), complex_elements(b, bd)) };
    let out = new_result(od, shape);
    if out.is_null() {
        return out;
    }
    if op == DIV && right.iter().any(|&(re, im)| re == 0.0 && im == 0.0) {
        return -(ERR_COMPLEX_DIVISION as isize) as *mut ArrayDesc;
    }
    let single = od == DType::Complex64;
    let r = |x: f64| if single { x as f32 as f64 } else { x };
    let mut k = 0;
    // SAFETY: `out` was just allocated with `shape`, one element of `od` per address.
    unsafe {
        for_each_address(&*out, |p| {
            let ((ar, ai), (br, bi)) = (left[k], right[k]);
            let (ar, ai, br, bi) = (r(ar), r(ai), r(br), r(bi));
            k += 1;
            let (re, im) = match op {
                ADD => (ar + br, ai + bi),
                SUB => (ar - br, ai - bi),
                MUL => (r(ar * br) - r(ai * bi), r(ar * bi) + r(ai * br)),
                DIV if br.abs() >= bi.abs() => {
                    let ratio = r(bi / br);
                    let denom = r(br + r(bi * ratio));
                    (r(ar + r(ai * ratio)) / denom, r(ai - r(ar * ratio)) / denom)
                }
                DIV => {
                    let ratio = r(br / bi);
                    let denom = r(r(br * ratio) + bi);
                    (r(r(ar * ratio) + ai) / denom, r(r(ai * ratio) - ar) / denom)
                }
                EQ | NE => {
                    let equal = ar == br && ai == bi;
                    write_element(p, od, (equal == (op == EQ)) as i64, 0.0, false);
                    return;
                }
                _ => (f64::NAN, f64::NAN),
            };
            match od {
                DType::Complex64 => (p as *mut [f32; 2]).write_unaligned([re as f32, im as f32]),
                _ => (p as *mut [f64; 2]).write_unaligned([re, im]),
            }
        })
    };
    out
}

/// `f(a)` elementwise into a new array of `out_dtype` (floats computed in double precision).
///
/// # Safety
/// `a` must be a valid descriptor.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_unary(a: *const ArrayDesc, a_dtype: i64, op: i64, out_dtype: i64) -> *mut ArrayDesc {
    use elementwise_ops::*;
    // SAFETY: the caller passes a valid descriptor.
    let a = unsafe { &*a };
    let (Some(ad), Some(od)) = (dtype_from_code(a_dtype), dtype_from_code(out_dtype)) else { return std::ptr::null_mut() };
    let shape: Vec<i64> = a.shape[..a.ndim.clamp(0, MAX_DIMS as i64) as usize].to_vec();
    let mut values = Vec::new();
    // SAFETY: forwarded from this function's contract.
    unsafe { for_each_element(a, ad, |i, x| values.push((i, x))) };
    let out = new_result(od, &shape);
    if out.is_null() {
        return out;
    }
    let mut k = 0;
    // SAFETY: `out` was just allocated with `shape`.
    unsafe {
        for_each_address(&*out, |p| {
            let (i, x) = values[k];
            k += 1;
            if od.is_float() {
                write_element(p, od, 0, unary_f64(op, x), true);
            } else {
                let r = match op {
                    NEG => i.wrapping_neg(),
                    ABS => i.wrapping_abs(),
                    SIGN => i.signum(),
                    _ => i,
                };
                write_element(p, od, r, 0.0, false);
            }
        })
    };
    out
}

/// `np.arange(start, stop, step)`: integers when `is_float` is 0 (from the `i*` arguments),
/// doubles otherwise (from the `f*` arguments, numpy's `start + i * delta`). Null for a zero step.
#[no_mangle]
pub extern "C" fn rhumba_array_arange(istart: i64, istop: i64, istep: i64, fstart: f64, fstop: f64, fstep: f64, is_float: i8) -> *mut ArrayDesc {
    let float = is_float != 0;
    let count = if float {
        if fstep == 0.0 {
            return std::ptr::null_mut();
        }
        ((fstop - fstart) / fstep).ceil().max(0.0) as i64
    } else {
        if istep == 0 {
            return std::ptr::null_mut();
        }
        let span = istop as i128 - istart as i128;
        let step = istep as i128;
        if (span > 0) != (step > 0) || span == 0 { 0 } else { ((span.abs() + step.abs() - 1) / step.abs()) as i64 }
    };
    let out = new_result(if float { DType::Float64 } else { DType::Int64 }, &[count]);
    if out.is_null() {
        return out;
    }
    let delta = (fstart + fstep) - fstart;
    // SAFETY: `out` was just allocated with `count` elements of 8 bytes.
    unsafe {
        let data = (*out).data;
        for i in 0..count {
            if float {
                (data as *mut f64).add(i as usize).write(fstart + i as f64 * delta);
            } else {
                (data as *mut i64).add(i as usize).write(istart.wrapping_add(i.wrapping_mul(istep)));
            }
        }
    }
    out
}

/// `a.reshape(shape)`: a view when `a` is C-contiguous, a reshaped copy otherwise; one entry of
/// `shape` may be -1. Null when the sizes differ.
///
/// # Safety
/// `src` must be a valid descriptor and `shape` must hold `ndim` entries.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_reshape(src: *const ArrayDesc, dtype: i64, ndim: i64, shape: *const i64) -> *mut ArrayDesc {
    let Some(d) = dtype_from_code(dtype) else { return std::ptr::null_mut() };
    if !(0..=MAX_DIMS as i64).contains(&ndim) {
        return std::ptr::null_mut();
    }
    // SAFETY: the caller passes a valid descriptor and `ndim` shape entries.
    let (src, wanted) = unsafe { (&*src, std::slice::from_raw_parts(shape, ndim as usize)) };
    let sn = src.ndim.clamp(0, MAX_DIMS as i64) as usize;
    let size: i64 = src.shape[..sn].iter().product();
    let mut dims = wanted.to_vec();
    let known: i64 = dims.iter().filter(|x| **x >= 0).product();
    if let Some(free) = dims.iter().position(|x| *x == -1) {
        if known == 0 || size % known != 0 {
            return std::ptr::null_mut();
        }
        dims[free] = size / known;
    }
    if dims.iter().any(|x| *x < 0) || dims.iter().product::<i64>() != size {
        return std::ptr::null_mut();
    }
    let item = d.size() as i64;
    let mut contiguous = true;
    let mut expect = item;
    for k in (0..sn).rev() {
        if src.shape[k] != 1 && src.strides[k] != expect {
            contiguous = false;
        }
        expect *= src.shape[k].max(1);
    }
    let base = if contiguous {
        src.data
    } else {
        // SAFETY: forwarded from this function's contract.
        let copy = unsafe { rhumba_array_copy(dtype, src) };
        if copy.is_null() {
            return copy;
        }
        // SAFETY: `copy` was just allocated.
        unsafe { (*copy).data }
    };
    let mut out = ArrayDesc { data: base, ndim, shape: [0; MAX_DIMS], strides: [0; MAX_DIMS] };
    let mut stride = item;
    for k in (0..ndim as usize).rev() {
        out.shape[k] = dims[k];
        out.strides[k] = stride;
        stride *= dims[k].max(1);
    }
    let mut boxed = Box::new(out);
    let ptr: *mut ArrayDesc = &mut *boxed;
    VIEWS.with(|v| v.borrow_mut().push(boxed));
    ptr
}

/// `np.cumsum(a)`: the running sums of `a` in C order, as a new 1-d array (`int64` for integer
/// input, `float64` for floats).
///
/// # Safety
/// `src` must be a valid descriptor.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_cumsum(src: *const ArrayDesc, dtype: i64) -> *mut ArrayDesc {
    let Some(d) = dtype_from_code(dtype) else { return std::ptr::null_mut() };
    // SAFETY: the caller passes a valid descriptor.
    let src = unsafe { &*src };
    let mut values = Vec::new();
    // SAFETY: forwarded from this function's contract.
    unsafe { for_each_element(src, d, |i, x| values.push((i, x))) };
    let float = d.is_float();
    let out = new_result(if float { DType::Float64 } else { DType::Int64 }, &[values.len() as i64]);
    if out.is_null() {
        return out;
    }
    let (mut isum, mut fsum) = (0i64, 0.0f64);
    // SAFETY: `out` holds `values.len()` elements of 8 bytes.
    unsafe {
        let data = (*out).data;
        for (k, (i, x)) in values.iter().enumerate() {
            if float {
                fsum += x;
                (data as *mut f64).add(k).write(fsum);
            } else {
                isum = isum.wrapping_add(*i);
                (data as *mut i64).add(k).write(isum);
            }
        }
    }
    out
}

/// `a[index]` with an array index: a boolean mask of `a`'s shape selects elements in C order;
/// a 1-d integer array gathers from a 1-d `a` (negative positions wrap). The result is a new
/// 1-d array, or null with `err` = `[ERR_INDEX, index, axis, length]` for a position out of
/// range or `[ERR_SHAPE, ..]` for a mask of another shape.
///
/// # Safety
/// Both descriptors must be valid and `err` must hold 4 writable entries.
#[no_mangle]
pub unsafe extern "C" fn rhumba_array_gather(src: *const ArrayDesc, dtype: i64, index: *const ArrayDesc, index_dtype: i64, err: *mut i64) -> *mut ArrayDesc {
    let (Some(d), Some(id)) = (dtype_from_code(dtype), dtype_from_code(index_dtype)) else { return std::ptr::null_mut() };
    // SAFETY: the caller passes valid descriptors.
    let (src, index) = unsafe { (&*src, &*index) };
    let fail = |e: [i64; 4]| {
        // SAFETY: the caller passes four writable entries.
        unsafe { std::ptr::copy_nonoverlapping(e.as_ptr(), err, 4) };
        std::ptr::null_mut()
    };
    let mut addresses = Vec::new();
    // SAFETY: `src` is valid for its shape.
    unsafe { for_each_address(src, |p| addresses.push(p)) };
    let mut positions = Vec::new();
    // SAFETY: `index` is valid for its shape.
    unsafe { for_each_element(index, id, |i, _| positions.push(i)) };
    let selected: Vec<*mut u8> = if id == DType::Bool {
        let (sn, mn) = (src.ndim.clamp(0, MAX_DIMS as i64) as usize, index.ndim.clamp(0, MAX_DIMS as i64) as usize);
        if let Some(axis) = (0..sn.max(mn)).find(|&k| src.shape.get(k).filter(|_| k < sn) != index.shape.get(k).filter(|_| k < mn)) {
            let size = |d: &ArrayDesc, n: usize| if axis < n { d.shape[axis] } else { 0 };
            return fail([ERR_MASK_SHAPE as i64, size(src, sn), axis as i64, size(index, mn)]);
        }
        addresses.iter().zip(&positions).filter(|(_, m)| **m != 0).map(|(p, _)| *p).collect()
    } else {
        if src.ndim != 1 || index.ndim != 1 {
            return fail([ERR_SHAPE as i64, 0, 0, 0]);
        }
        let len = src.shape[0];
        let mut out = Vec::with_capacity(positions.len());
        for &i in &positions {
            let j = if i < 0 { i + len } else { i };
            if j < 0 || j >= len {
                return fail([ERR_INDEX as i64, i, 0, len]);
            }
            out.push(addresses[j as usize]);
        }
        out
    };
    let out = new_result(d, &[selected.len() as i64]);
    if out.is_null() {
        return out;
    }
    let item = d.size();
    // SAFETY: each source address is an element of `src`; `out` holds `selected.len()` elements.
    unsafe {
        let data = (*out).data;
        for (k, p) in selected.iter().enumerate() {
            std::ptr::copy_nonoverlapping(*p, data.add(k * item), item);
        }
    }
    out
}

/// Python's float `%`: the result takes the divisor's sign.
#[no_mangle]
pub extern "C" fn rhumba_py_fmod(x: f64, y: f64) -> f64 {
    let m = x % y;
    if m != 0.0 && ((y < 0.0) != (m < 0.0)) {
        m + y
    } else if m == 0.0 {
        0.0f64.copysign(y)
    } else {
        m
    }
}

/// Python's float `//`: CPython's `float_divmod` quotient.
#[no_mangle]
pub extern "C" fn rhumba_py_floordiv(x: f64, y: f64) -> f64 {
    let m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 && ((y < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    }
}

/// `float ** n` for an integer `n >= 0`, as Numba computes it (`int_power_impl`): repeated
/// squaring up to an exponent of 65536, the C library's `pow` beyond. Legalisation handles a
/// negative exponent (`1.0 / x ** -n`) and its zero check.
#[no_mangle]
pub extern "C" fn rhumba_powi(base: f64, exp: i64) -> f64 {
    if exp > 0x10000 {
        return base.powf(exp as f64);
    }
    let (mut result, mut b, mut e) = (1.0f64, base, exp.max(0) as u64);
    while e != 0 {
        if e & 1 == 1 {
            result *= b;
        }
        e >>= 1;
        b *= b;
    }
    result
}

/// `int ** int` with 64-bit wraparound; a negative exponent gives what Numba gives
/// (`1 // base ** -exp` for bases other than ±1, which is 0).
#[no_mangle]
pub extern "C" fn rhumba_ipow(base: i64, exp: i64) -> i64 {
    if exp < 0 {
        return match base {
            1 => 1,
            -1 => {
                if exp % 2 == 0 {
                    1
                } else {
                    -1
                }
            }
            _ => 0,
        };
    }
    let (mut result, mut b, mut e) = (1i64, base, exp as u64);
    while e > 0 {
        if e & 1 == 1 {
            result = result.wrapping_mul(b);
        }
        b = b.wrapping_mul(b);
        e >>= 1;
    }
    result
}

// ------------------------------------------------------------------ CUDA kernels on the CPU

/// The argument of `rhumba_sim_index`: which of `threadIdx`, `blockIdx`, `blockDim`, `gridDim`
/// (in that order) times three, plus the axis.
pub fn sim_index_code(family: &str, axis: usize) -> i64 {
    let f = match family {
        "threadIdx" => 0,
        "blockIdx" => 1,
        "blockDim" => 2,
        _ => 3,
    };
    f * 3 + axis as i64
}

/// The `op` argument of the atomic entry points, by `cuda.atomic` function name.
pub fn atomic_op_code(name: &str) -> i64 {
    match name {
        "add" => 0,
        "sub" => 1,
        "max" => 2,
        "min" => 3,
        "exch" => 4,
        _ => 5,
    }
}

/// `cuda.atomic.*` on an integer element at `ptr` (of dtype code `dtype`): returns the old value.
/// `expected` is only read by `cas`.
///
/// # Safety
/// `ptr` must point to a live, aligned element of that dtype.
pub unsafe extern "C" fn rhumba_atomic_int(ptr: *mut u8, dtype: i64, op: i64, value: i64, expected: i64) -> i64 {
    use std::sync::atomic::{AtomicI16, AtomicI32, AtomicI64, AtomicI8, AtomicU16, AtomicU32, AtomicU64, AtomicU8, Ordering::SeqCst};
    macro_rules! rmw {
        ($atomic:ty, $t:ty) => {{
            // SAFETY: the caller guarantees a live, aligned element of this width; atomics of
            // the same width as the element may alias it.
            let a = unsafe { &*(ptr as *const $atomic) };
            let v = value as $t;
            (match op {
                0 => a.fetch_add(v, SeqCst),
                1 => a.fetch_sub(v, SeqCst),
                2 => a.fetch_max(v, SeqCst),
                3 => a.fetch_min(v, SeqCst),
                4 => a.swap(v, SeqCst),
                _ => match a.compare_exchange(expected as $t, v, SeqCst, SeqCst) {
                    Ok(old) | Err(old) => old,
                },
            }) as i64
        }};
    }
    match dtype_from_code(dtype).unwrap_or(DType::Int64) {
        DType::Int8 => rmw!(AtomicI8, i8),
        DType::UInt8 | DType::Bool => rmw!(AtomicU8, u8),
        DType::Int16 => rmw!(AtomicI16, i16),
        DType::UInt16 => rmw!(AtomicU16, u16),
        DType::Int32 => rmw!(AtomicI32, i32),
        DType::UInt32 => rmw!(AtomicU32, u32),
        DType::UInt64 => rmw!(AtomicU64, u64),
        _ => rmw!(AtomicI64, i64),
    }
}

/// `cuda.atomic.*` on a float element: a compare-and-swap loop on its bits, as GPUs without a
/// native instruction do. Returns the old value; `max`/`min` ignore NaN operands as CUDA's do.
///
/// # Safety
/// `ptr` must point to a live, aligned element of that dtype.
pub unsafe extern "C" fn rhumba_atomic_float(ptr: *mut u8, dtype: i64, op: i64, value: f64, expected: f64) -> f64 {
    use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::SeqCst};
    let combine = |old: f64| match op {
        0 => old + value,
        1 => old - value,
        2 => old.max(value),
        3 => old.min(value),
        4 => value,
        _ if old == expected => value,
        _ => old,
    };
    if dtype_from_code(dtype) == Some(DType::Float32) {
        // SAFETY: as above, for a 4-byte float element.
        let a = unsafe { &*(ptr as *const AtomicU32) };
        let r = a.fetch_update(SeqCst, SeqCst, |bits| Some((combine(f32::from_bits(bits) as f64) as f32).to_bits()));
        let (Ok(bits) | Err(bits)) = r;
        f32::from_bits(bits) as f64
    } else {
        // SAFETY: as above, for an 8-byte float element.
        let a = unsafe { &*(ptr as *const AtomicU64) };
        let r = a.fetch_update(SeqCst, SeqCst, |bits| Some(combine(f64::from_bits(bits)).to_bits()));
        let (Ok(bits) | Err(bits)) = r;
        f64::from_bits(bits)
    }
}


extern "C" {
    fn erf(x: f64) -> f64;
    fn erfc(x: f64) -> f64;
    fn tgamma(x: f64) -> f64;
    fn lgamma(x: f64) -> f64;
}

pub(crate) fn c_erf(x: f64) -> f64 {
    // SAFETY: the C library's `erf` reads only its argument.
    unsafe { erf(x) }
}

pub(crate) fn c_erfc(x: f64) -> f64 {
    // SAFETY: as for `erf`.
    unsafe { erfc(x) }
}

pub(crate) fn c_tgamma(x: f64) -> f64 {
    // SAFETY: as for `erf`.
    unsafe { tgamma(x) }
}

pub(crate) fn c_lgamma(x: f64) -> f64 {
    // SAFETY: as for `erf`; the sign it stores in `signgam` is not read by rhumba.
    unsafe { lgamma(x) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_grow_and_keep_their_storage_exact() {
        // Three-slot items: a capacity in words that is no multiple of the item's slots must
        // still be given back as allocated, and `cap` must never promise room that is not there.
        let mut owned = OwnedList::new(3, vec![1, 2, 3, 4]);
        let l = owned.as_ptr();
        // SAFETY: `l` is the live header of `owned`.
        unsafe {
            assert_eq!(((*l).len, (*l).slots), (1, 3));
            for k in 0..1000u64 {
                let at = rhumba_list_grow(l);
                assert!(!at.is_null());
                *at = k;
                assert!((*l).cap * 3 <= (*l).storage_words && (*l).len <= (*l).cap);
            }
            assert_eq!((*l).len, 1001);
            rhumba_list_truncate(l, 10);
            assert_eq!(list_items(l)[..6], [1, 2, 3, 0, 0, 0]);
        }
        drop(owned);
        let fresh = rhumba_list_new(5);
        // SAFETY: `fresh` lives in this thread's arena until `take_arena`.
        unsafe {
            assert!(!rhumba_list_grow(fresh).is_null());
            assert!((*fresh).cap * 5 <= (*fresh).storage_words);
        }
        drop(take_arena());
    }

    #[test]
    fn layouts_match_the_offsets_codegen_uses() {
        assert_eq!(std::mem::offset_of!(ListObject, len) as i32, list_offsets::LEN);
        assert_eq!(std::mem::offset_of!(ListObject, cap) as i32, list_offsets::CAP);
        assert_eq!(std::mem::offset_of!(ArrayDesc, shape) as i32, desc_offsets::SHAPE);
        assert_eq!(std::mem::offset_of!(ArrayDesc, strides) as i32, desc_offsets::STRIDES);
        assert_eq!(std::mem::offset_of!(ErrorSlot, source_offset) as i32, error_offsets::SOURCE_OFFSET);
        assert_eq!(std::mem::offset_of!(ErrorSlot, bound) as i32, error_offsets::BOUND);
        assert_eq!(std::mem::offset_of!(ErrorSlot, function) as i32, error_offsets::FUNCTION);
        assert_eq!(std::mem::offset_of!(ErrorSlot, trace) as i32, error_offsets::TRACE);
        assert_eq!(std::mem::offset_of!(ErrorSlot, stack_limit) as i32, error_offsets::STACK_LIMIT);
    }

    #[test]
    fn python_float_division_rules() {
        assert_eq!(rhumba_py_fmod(-7.5, 2.0), 0.5);
        assert_eq!(rhumba_py_floordiv(-7.5, 2.0), -4.0);
        assert_eq!(rhumba_py_floordiv(7.5, -2.0), -4.0);
        assert_eq!(rhumba_ipow(3, 40), 3i64.wrapping_pow(40));
    }
}
